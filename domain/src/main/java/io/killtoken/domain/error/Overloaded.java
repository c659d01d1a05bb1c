package io.killtoken.domain.error;

import java.time.Duration;
import java.util.Objects;

/**
 * The server is at capacity for one kind of costly work (e.g. password hashing, which the heap can
 * hold only so many of at once) and did none of it: HTTP 503 with Retry-After.
 */
public final class Overloaded extends KillTokenException {

  private final String code;
  private final Duration retryAfter;

  public Overloaded(String code, String message, Duration retryAfter) {
    super(message);
    this.code = Objects.requireNonNull(code);
    this.retryAfter = Objects.requireNonNull(retryAfter);
  }

  /** Machine-readable reason, e.g. {@code password_hashing_busy}. */
  public String code() {
    return code;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
