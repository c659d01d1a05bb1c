package io.killtoken.domain.limit;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A calendar month in UTC, the period of plan quotas and key budgets: every node agrees on when it
 * turns, whatever its own time zone.
 */
public record CalendarMonth(YearMonth value) {

  public CalendarMonth {
    Objects.requireNonNull(value, "value");
  }

  /** The month {@code instant} falls in, in UTC. */
  public static CalendarMonth of(Instant instant) {
    return new CalendarMonth(YearMonth.from(instant.atOffset(ZoneOffset.UTC)));
  }

  /** The first instant after the month: when its counters start again from zero. */
  public Instant end() {
    return value.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Time from {@code now} until the month turns; at least a millisecond, for a Retry-After. */
  public Duration timeLeft(Instant now) {
    Duration left = Duration.between(now, end());
    return left.toMillis() < 1 ? Duration.ofMillis(1) : left;
  }

  /** {@code 2026-11}, for counter names. */
  public String label() {
    return value.toString();
  }
}
