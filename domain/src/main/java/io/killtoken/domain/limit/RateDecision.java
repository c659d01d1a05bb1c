package io.killtoken.domain.limit;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer of a {@link RateLimiter}: whether this hit is within the limit, how many remain in the
 * window, and when to try again when it is not.
 */
public record RateDecision(boolean allowed, long remaining, Duration retryAfter) {

  public RateDecision {
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (remaining < 0) {
      throw new IllegalArgumentException("remaining must not be negative");
    }
  }
}
