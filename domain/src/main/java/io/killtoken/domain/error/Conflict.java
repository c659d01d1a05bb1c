package io.killtoken.domain.error;

/**
 * The request conflicts with existing state, e.g. an email that is already registered (HTTP 409).
 */
public final class Conflict extends KillTokenException {

  public Conflict(String message) {
    super(message);
  }
}
