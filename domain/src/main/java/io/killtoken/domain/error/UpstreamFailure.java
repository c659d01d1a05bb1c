package io.killtoken.domain.error;

import java.time.Duration;
import java.util.Optional;

/**
 * A provider call failed. Split, as langchain4j does, into failures worth retrying (connect errors,
 * 429, 5xx) and failures that are final (the upstream's own 4xx).
 */
public abstract sealed class UpstreamFailure extends KillTokenException
    permits RetriableUpstreamFailure, NonRetriableUpstreamFailure {

  /**
   * The {@link #status()} of a call whose connection was never made: the request never left, so it
   * is always safe to try again.
   */
  public static final int NOT_CONNECTED = -1;

  private final int status;
  private final Duration retryAfter;

  protected UpstreamFailure(String message, int status, Duration retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /**
   * The upstream HTTP status; 0 when the request was sent but no answer came (timeout, dropped
   * connection); {@link #NOT_CONNECTED} when no connection was made.
   */
  public int status() {
    return status;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
