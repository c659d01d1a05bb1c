package io.killtoken.domain.usage;

import io.killtoken.domain.money.MicroDollars;
import java.time.Duration;
import java.util.Objects;

/**
 * What an exact-response cache would have answered, at the three shadow times to live: how many
 * calls, and the dollars they cost (or, for real cache hits, saved). Worked out as records are
 * stored, from when the same request digest was last answered upstream.
 */
public record ShadowCache(
    long hourHits,
    long dayHits,
    long weekHits,
    MicroDollars hourSaved,
    MicroDollars daySaved,
    MicroDollars weekSaved) {

  public static final ShadowCache ZERO =
      new ShadowCache(0, 0, 0, MicroDollars.ZERO, MicroDollars.ZERO, MicroDollars.ZERO);

  /** The shadow times to live, shortest first. */
  public enum Window {
    HOUR(Duration.ofHours(1)),
    DAY(Duration.ofDays(1)),
    WEEK(Duration.ofDays(7));

    private final Duration ttl;

    Window(Duration ttl) {
      this.ttl = ttl;
    }

    public Duration ttl() {
      return ttl;
    }
  }

  public ShadowCache {
    if (hourHits < 0 || dayHits < 0 || weekHits < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    Objects.requireNonNull(hourSaved, "hourSaved");
    Objects.requireNonNull(daySaved, "daySaved");
    Objects.requireNonNull(weekSaved, "weekSaved");
  }

  /**
   * One call that a cache of each window marked {@code hit} would have answered, worth {@code
   * worth}.
   */
  public static ShadowCache of(boolean[] hit, MicroDollars worth) {
    return new ShadowCache(
        hit[0] ? 1 : 0,
        hit[1] ? 1 : 0,
        hit[2] ? 1 : 0,
        hit[0] ? worth : MicroDollars.ZERO,
        hit[1] ? worth : MicroDollars.ZERO,
        hit[2] ? worth : MicroDollars.ZERO);
  }

  public long hits(Window window) {
    return switch (window) {
      case HOUR -> hourHits;
      case DAY -> dayHits;
      case WEEK -> weekHits;
    };
  }

  public MicroDollars saved(Window window) {
    return switch (window) {
      case HOUR -> hourSaved;
      case DAY -> daySaved;
      case WEEK -> weekSaved;
    };
  }

  public ShadowCache plus(ShadowCache o) {
    return new ShadowCache(
        Math.addExact(hourHits, o.hourHits),
        Math.addExact(dayHits, o.dayHits),
        Math.addExact(weekHits, o.weekHits),
        hourSaved.plus(o.hourSaved),
        daySaved.plus(o.daySaved),
        weekSaved.plus(o.weekSaved));
  }
}
