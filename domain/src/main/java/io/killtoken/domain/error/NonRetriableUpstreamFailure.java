package io.killtoken.domain.error;

import java.time.Duration;

/** An upstream failure that is final: the provider's own 4xx, passed through with its meaning. */
public final class NonRetriableUpstreamFailure extends UpstreamFailure {

  public NonRetriableUpstreamFailure(String message, int status, Duration retryAfter) {
    super(message, status, retryAfter);
  }
}
