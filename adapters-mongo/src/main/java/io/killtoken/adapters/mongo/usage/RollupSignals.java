package io.killtoken.adapters.mongo.usage;

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
    Counters.inc(updates, at + TRUNCATED, s.truncated());
    Counters.inc(updates, at + ESTIMATED, s.estimated());
    Counters.inc(updates, at + CAPPED, s.capped());
    Counters.inc(updates, at + CAPPED_MAX_TOKENS, s.cappedMaxTokens());
    Counters.inc(updates, at + CAPPED_OUTPUT, s.cappedOutput());
    Counters.inc(updates, at + UNAUTHORIZED, s.unauthorized());
    Counters.inc(updates, at + THROTTLED, s.throttled());
    Counters.inc(updates, at + SERVER_ERRORS, s.serverErrors());
    String shadow = at + SHADOW + ".";
    ShadowCache r = s.repeats();
    Counters.inc(updates, shadow + HOUR_HITS, r.hourHits());
    Counters.inc(updates, shadow + DAY_HITS, r.dayHits());
    Counters.inc(updates, shadow + WEEK_HITS, r.weekHits());
    Counters.inc(updates, shadow + HOUR_SAVED, r.hourSaved().value());
    Counters.inc(updates, shadow + DAY_SAVED, r.daySaved().value());
    Counters.inc(updates, shadow + WEEK_SAVED, r.weekSaved().value());
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
                Counters.read(shadow, HOUR_HITS),
                Counters.read(shadow, DAY_HITS),
                Counters.read(shadow, WEEK_HITS),
                new MicroDollars(Counters.read(shadow, HOUR_SAVED)),
                new MicroDollars(Counters.read(shadow, DAY_SAVED)),
                new MicroDollars(Counters.read(shadow, WEEK_SAVED)));
    return new UsageSignals(
        Counters.read(stored, TRUNCATED),
        Counters.read(stored, ESTIMATED),
        Counters.read(stored, CAPPED),
        Counters.read(stored, CAPPED_MAX_TOKENS),
        Counters.read(stored, CAPPED_OUTPUT),
        Counters.read(stored, UNAUTHORIZED),
        Counters.read(stored, THROTTLED),
        Counters.read(stored, SERVER_ERRORS),
        repeats);
  }
}
