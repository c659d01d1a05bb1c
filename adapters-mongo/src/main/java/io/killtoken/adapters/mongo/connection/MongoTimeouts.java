package io.killtoken.adapters.mongo.connection;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the MongoDB client may wait: to find a usable server, to open a socket, and for a reply.
 * Applied where the connection string does not set its own.
 *
 * @param serverSelection bounds every operation while no server is reachable (and the wait for a
 *     pooled connection), so readiness and requests fail fast when MongoDB is down
 * @param connect bounds opening one socket
 * @param read bounds waiting for one reply
 */
public record MongoTimeouts(Duration serverSelection, Duration connect, Duration read) {

  /** Two seconds to find a server or connect, ten for a reply. */
  public static final MongoTimeouts DEFAULTS =
      new MongoTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(10));

  public MongoTimeouts {
    positive(serverSelection, "serverSelection");
    positive(connect, "connect");
    positive(read, "read");
  }

  private static void positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.toMillis() < 1) {
      throw new IllegalArgumentException(name + " must be at least one millisecond");
    }
  }
}
