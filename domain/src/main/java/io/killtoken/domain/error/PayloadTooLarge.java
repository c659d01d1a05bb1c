package io.killtoken.domain.error;

/** The request body is over the configured limit (HTTP 413). */
public final class PayloadTooLarge extends KillTokenException {

  public PayloadTooLarge(String message) {
    super(message);
  }
}
