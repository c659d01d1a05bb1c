package io.killtoken.adapters.mongo.usage;

import com.mongodb.client.model.Updates;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.usage.ShadowCache;
import io.killtoken.domain.usage.UsageSignals;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A rollup's {@link UsageSignals} as a sub-document of int64 counters ({@code signals.truncated},
 * {@code signals.shadow.hourHits}, …), added to by {@code $inc}. A rollup written before signals
 * existed reads as zero signals.
 */
final class RollupSignals {

  private static final String TRUNCATED = "truncated";
  private static final String ESTIMATED = "estimated";
  private static final String CAPPED = "capped";
  private static final String CAPPED_MAX_TOKENS = "cappedMaxTokens";
  private static final String CAPPED_OUTPUT = "cappedOutput";
  private static final String UNAUTHORIZED = "unauthorized";
  private static final String THROTTLED = "throttled";
  private static final String SERVER_ERRORS = "serverErrors";
  private static final String SHADOW = "shadow";
  private static final String HOUR_HITS = "hourHits";
  private static final String DAY_HITS = "dayHits";
  private static final String WEEK_HITS = "weekHits";
  private static final String HOUR_SAVED = "hourSavedMicros";
  private static final String DAY_SAVED = "daySavedMicros";
  private static final String WEEK_SAVED = "weekSavedMicros";

  private RollupSignals() {}

  static void addTo(List<Bson> updates, String field, UsageSignals s) {
    String at = field + ".";
    updates.add(Updates.inc(at + TRUNCATED, s.truncated()));
    updates.add(Updates.inc(at + ESTIMATED, s.estimated()));
    updates.add(Updates.inc(at + CAPPED, s.capped()));
    updates.add(Updates.inc(at + CAPPED_MAX_TOKENS, s.cappedMaxTokens()));
    updates.add(Updates.inc(at + CAPPED_OUTPUT, s.cappedOutput()));
    updates.add(Updates.inc(at + UNAUTHORIZED, s.unauthorized()));
    updates.add(Updates.inc(at + THROTTLED, s.throttled()));
    updates.add(Updates.inc(at + SERVER_ERRORS, s.serverErrors()));
    String shadow = at + SHADOW + ".";
    ShadowCache r = s.repeats();
    updates.add(Updates.inc(shadow + HOUR_HITS, r.hourHits()));
    updates.add(Updates.inc(shadow + DAY_HITS, r.dayHits()));
    updates.add(Updates.inc(shadow + WEEK_HITS, r.weekHits()));
    updates.add(Updates.inc(shadow + HOUR_SAVED, r.hourSaved().value()));
    updates.add(Updates.inc(shadow + DAY_SAVED, r.daySaved().value()));
    updates.add(Updates.inc(shadow + WEEK_SAVED, r.weekSaved().value()));
  }

  static UsageSignals from(Document stored) {
    if (stored == null) {
      return UsageSignals.ZERO;
    }
    Document shadow = stored.get(SHADOW, Document.class);
    ShadowCache repeats =
        shadow == null
            ? ShadowCache.ZERO
            : new ShadowCache(
                count(shadow, HOUR_HITS),
                count(shadow, DAY_HITS),
                count(shadow, WEEK_HITS),
                new MicroDollars(count(shadow, HOUR_SAVED)),
                new MicroDollars(count(shadow, DAY_SAVED)),
                new MicroDollars(count(shadow, WEEK_SAVED)));
    return new UsageSignals(
        count(stored, TRUNCATED),
        count(stored, ESTIMATED),
        count(stored, CAPPED),
        count(stored, CAPPED_MAX_TOKENS),
        count(stored, CAPPED_OUTPUT),
        count(stored, UNAUTHORIZED),
        count(stored, THROTTLED),
        count(stored, SERVER_ERRORS),
        repeats);
  }

  private static long count(Document document, String key) {
    Number value = document.get(key, Number.class);
    return value == null ? 0 : value.longValue();
  }
}
