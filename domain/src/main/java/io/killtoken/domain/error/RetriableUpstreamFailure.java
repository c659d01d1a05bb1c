package io.killtoken.domain.error;

import java.time.Duration;

/** An upstream failure that may succeed when tried again (connect failure, timeout, 429, 5xx). */
public final class RetriableUpstreamFailure extends UpstreamFailure {

  public RetriableUpstreamFailure(String message, int status, Duration retryAfter) {
    super(message, status, retryAfter);
  }
}
