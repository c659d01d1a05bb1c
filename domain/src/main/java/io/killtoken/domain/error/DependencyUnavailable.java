package io.killtoken.domain.error;

import java.time.Duration;
import java.util.Objects;

/**
 * A store the request needs cannot be reached right now (MongoDB not answering, or Redis down for
 * work that cannot degrade around it, such as purging the response cache): HTTP 503 with
 * Retry-After, worth retrying later.
 */
public final class DependencyUnavailable extends KillTokenException {

  private final String code;
  private final Duration retryAfter;

  public DependencyUnavailable(String code, String message, Duration retryAfter) {
    super(message);
    this.code = Objects.requireNonNull(code);
    this.retryAfter = Objects.requireNonNull(retryAfter);
  }

  /** Machine-readable name of the outage, e.g. {@code database_unavailable}. */
  public String code() {
    return code;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
