package io.killtoken.domain.error;

import java.time.Duration;
import java.util.Optional;

/**
 * A provider call failed. Split, as langchain4j does, into failures worth retrying (connect errors,
 * 429, 5xx) and failures that are final (the upstream's own 4xx).
 */
public abstract sealed class UpstreamFailure extends KillTokenException
    permits RetriableUpstreamFailure, NonRetriableUpstreamFailure {

  private final int status;
  private final Duration retryAfter;

  protected UpstreamFailure(String message, int status, Duration retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /** The upstream HTTP status, or 0 when no response arrived (connect failure, timeout). */
  public int status() {
    return status;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
