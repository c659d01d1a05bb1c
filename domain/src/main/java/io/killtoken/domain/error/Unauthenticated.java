package io.killtoken.domain.error;

/** No valid session or admin API key came with an admin request (HTTP 401). */
public final class Unauthenticated extends KillTokenException {

  public Unauthenticated(String message) {
    super(message);
  }
}
