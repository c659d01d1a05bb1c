package io.killtoken.domain.error;

/**
 * The resource does not exist for the calling tenant; another tenant's id looks exactly the same.
 */
public final class NotFound extends KillTokenException {

  public NotFound(String message) {
    super(message);
  }
}
