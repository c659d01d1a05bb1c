package io.killtoken.domain.error;

import java.time.Duration;
import java.util.Objects;

/** A rate limit, quota or budget was reached (HTTP 429 with Retry-After). */
public final class LimitExceeded extends KillTokenException {

  private final String code;
  private final Duration retryAfter;

  public LimitExceeded(String code, String message, Duration retryAfter) {
    super(message);
    this.code = Objects.requireNonNull(code);
    this.retryAfter = Objects.requireNonNull(retryAfter);
  }

  /** Machine-readable reason, e.g. {@code rate_limited}, {@code budget_exceeded}. */
  public String code() {
    return code;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
