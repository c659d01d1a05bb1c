package io.killtoken.application.gateway;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently the gateway retries a provider that failed in a retriable way
 * (connect failure, timeout, 429, 5xx) before anything reached the client: exponential backoff with
 * jitter, honouring the upstream's {@code Retry-After} when it fits under {@code maxDelay}.
 *
 * @param retries tries after the first, per model
 */
public record RetryPolicy(int retries, Duration firstDelay, Duration maxDelay) {

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(2, Duration.ofMillis(200), Duration.ofSeconds(2));
  public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    Objects.requireNonNull(firstDelay, "firstDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (retries < 0 || retries > 10) {
      throw new IllegalArgumentException("retries must be from 0 to 10");
    }
    if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
      throw new IllegalArgumentException("delays must satisfy 0 <= firstDelay <= maxDelay");
    }
  }

  /**
   * The wait before retry {@code retry} (1 for the first retry), or empty when no retry is due: the
   * retries are used up, or the upstream asked to wait longer than {@code maxDelay} — then the
   * caller moves on to a fallback model or hands the failure to the client.
   */
  public Optional<Duration> delayBefore(int retry, Optional<Duration> retryAfter) {
    if (retry > retries) {
      return Optional.empty();
    }
    if (retryAfter.isPresent()) {
      return retryAfter.get().compareTo(maxDelay) <= 0 ? retryAfter : Optional.empty();
    }
    long ceiling = Math.min(maxDelay.toNanos(), firstDelay.toNanos() << Math.min(retry - 1, 20));
    // Jitter in [ceiling/2, ceiling] spreads the retries of many clients hit by one outage.
    long nanos = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    return Optional.of(Duration.ofNanos(nanos));
  }
}
