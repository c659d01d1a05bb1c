package io.killtoken.application.usage;

import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.usage.RollupGrain;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;

/**
 * The span a usage read covers, {@code [from, to)}: by default the last {@link #DEFAULT_SPAN} up to
 * now, at most as long as the read allows.
 */
public record UsageRange(Instant from, Instant to) {

  public static final Duration DEFAULT_SPAN = Duration.ofDays(7);

  public UsageRange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new InvalidRequest("'from' must be before 'to'.");
    }
  }

  /**
   * The range asked for, defaults filled in from the clock.
   *
   * @throws InvalidRequest when {@code from} is not before {@code to} or the range is longer than
   *     {@code longest}
   */
  public static UsageRange of(
      Optional<Instant> from, Optional<Instant> to, InstantSource clock, Duration longest) {
    return of(from, to, clock, longest, DEFAULT_SPAN);
  }

  /** As {@link #of(Optional, Optional, InstantSource, Duration)}, with another default span. */
  public static UsageRange of(
      Optional<Instant> from,
      Optional<Instant> to,
      InstantSource clock,
      Duration longest,
      Duration defaultSpan) {
    Instant end = to.orElseGet(clock::instant);
    UsageRange range = new UsageRange(from.orElse(end.minus(defaultSpan)), end);
    if (Duration.between(range.from, range.to).compareTo(longest) > 0) {
      throw new InvalidRequest(
          "The range may span at most " + longest.toDays() + " days; narrow 'from' and 'to'.");
    }
    return range;
  }

  /** The whole hours that hold this range: from rounded down, to rounded up. */
  public UsageRange wholeHours() {
    return new UsageRange(RollupGrain.HOUR.start(from), RollupGrain.HOUR.ceiling(to));
  }
}
