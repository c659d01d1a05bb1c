package io.killtoken.domain.error;

/** The request is malformed or breaks a rule of the contract (HTTP 400). */
public final class InvalidRequest extends KillTokenException {

  public InvalidRequest(String message) {
    super(message);
  }
}
