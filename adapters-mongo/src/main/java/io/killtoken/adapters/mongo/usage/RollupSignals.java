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
 * {@code signals.shadow.hourHits}, …), added to by {@code $inc} — only the counters a batch moves,
 * so a bucket of calls without signals has none. A missing counter (or a rollup written before
 * signals existed) reads as zero.
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
    inc(updates, at + TRUNCATED, s.truncated());
    inc(updates, at + ESTIMATED, s.estimated());
    inc(updates, at + CAPPED, s.capped());
    inc(updates, at + CAPPED_MAX_TOKENS, s.cappedMaxTokens());
    inc(updates, at + CAPPED_OUTPUT, s.cappedOutput());
    inc(updates, at + UNAUTHORIZED, s.unauthorized());
    inc(updates, at + THROTTLED, s.throttled());
    inc(updates, at + SERVER_ERRORS, s.serverErrors());
    String shadow = at + SHADOW + ".";
    ShadowCache r = s.repeats();
    inc(updates, shadow + HOUR_HITS, r.hourHits());
    inc(updates, shadow + DAY_HITS, r.dayHits());
    inc(updates, shadow + WEEK_HITS, r.weekHits());
    inc(updates, shadow + HOUR_SAVED, r.hourSaved().value());
    inc(updates, shadow + DAY_SAVED, r.daySaved().value());
    inc(updates, shadow + WEEK_SAVED, r.weekSaved().value());
  }

  /** Zeros are left out: most calls carry no signal, and a missing counter reads as zero. */
  private static void inc(List<Bson> updates, String field, long by) {
    if (by != 0) {
      updates.add(Updates.inc(field, by));
    }
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
