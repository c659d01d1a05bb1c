package io.killtoken.domain.error;

/**
 * A store the request needs cannot be reached right now, and the request cannot degrade around it
 * (e.g. purging the response cache while Redis is down): HTTP 503, worth retrying later.
 */
public final class DependencyUnavailable extends KillTokenException {

  public DependencyUnavailable(String message) {
    super(message);
  }
}
