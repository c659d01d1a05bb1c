package io.killtoken.domain.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The span one rollup covers, in UTC: an hour or a day. */
public enum RollupGrain {
  HOUR(ChronoUnit.HOURS),
  DAY(ChronoUnit.DAYS);

  private final ChronoUnit unit;

  RollupGrain(ChronoUnit unit) {
    this.unit = unit;
  }

  /** The start of the span holding {@code instant}. */
  public Instant start(Instant instant) {
    return instant.truncatedTo(unit);
  }

  /** The first span start at or after {@code instant}. */
  public Instant ceiling(Instant instant) {
    Instant start = start(instant);
    return start.equals(instant) ? start : start.plus(length());
  }

  public Duration length() {
    return unit.getDuration();
  }
}
