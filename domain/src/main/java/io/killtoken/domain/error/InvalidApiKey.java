package io.killtoken.domain.error;

/** The presented API key is malformed, unknown or revoked (HTTP 401). */
public final class InvalidApiKey extends KillTokenException {

  public InvalidApiKey() {
    super("Invalid API key.");
  }
}
