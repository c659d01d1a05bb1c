package io.killtoken.domain.usage;

import io.killtoken.domain.money.MicroDollars;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When one request digest was last stored by a shadow cache of each time to live. A call within a
 * window's time to live of its entry is a hit there (and, like a real cache, leaves the entry as it
 * was); otherwise that window stores it anew. Two identical calls in one millisecond count once.
 */
public record ShadowEntries(Optional<Instant> hour, Optional<Instant> day, Optional<Instant> week) {

  public static final ShadowEntries NONE =
      new ShadowEntries(Optional.empty(), Optional.empty(), Optional.empty());

  public ShadowEntries {
    Objects.requireNonNull(hour, "hour");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(week, "week");
  }

  /**
   * What one call did to the shadow caches: its hits, worth what it cost, and the entries after.
   */
  public record Step(ShadowCache repeats, ShadowEntries after) {}

  /** Only calls answered successfully with a digest take part; others change nothing. */
  public static boolean takesPart(UsageMetric metric) {
    return metric.status() == UsageStatus.OK && metric.attribution().requestDigest().isPresent();
  }

  /** The next call with this digest, worth what it cost upstream or what a real hit saved. */
  public Step next(UsageMetric metric) {
    Instant at = metric.occurredAt();
    boolean[] hit = {
      within(hour, at, ShadowCache.Window.HOUR),
      within(day, at, ShadowCache.Window.DAY),
      within(week, at, ShadowCache.Window.WEEK)
    };
    ShadowEntries after =
        new ShadowEntries(
            hit[0] ? hour : Optional.of(at),
            hit[1] ? day : Optional.of(at),
            hit[2] ? week : Optional.of(at));
    return new Step(ShadowCache.of(hit, worth(metric)), after);
  }

  /** The last time any window stored the digest (the week and hour windows bound the rest). */
  public Optional<Instant> lastStored() {
    return week.map(w -> hour.filter(h -> h.isAfter(w)).orElse(w));
  }

  private static MicroDollars worth(UsageMetric metric) {
    return metric.cache() == CacheResult.HIT ? metric.savedCost() : metric.cost();
  }

  private static boolean within(Optional<Instant> stored, Instant at, ShadowCache.Window window) {
    // Strictly after: a store writing a record twice (a retried flush) finds its own entry at the
    // same instant and must not count the record as its own repeat.
    return stored.filter(s -> at.isAfter(s) && at.isBefore(s.plus(window.ttl()))).isPresent();
  }
}
