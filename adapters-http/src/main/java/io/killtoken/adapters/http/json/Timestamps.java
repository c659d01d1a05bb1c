package io.killtoken.adapters.http.json;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** How instants appear in responses: ISO-8601 UTC at millisecond precision, or null. */
public final class Timestamps {

  private Timestamps() {}

  public static String iso(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  public static String iso(Optional<Instant> instant) {
    return instant.map(Timestamps::iso).orElse(null);
  }
}
