package io.killtoken.adapters.mongo.connection;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the MongoDB client may wait: to find a usable server, to open a socket, and for a whole
 * operation. Applied where the connection string does not set its own.
 *
 * @param serverSelection bounds every operation while no server is reachable (and the wait for a
 *     pooled connection), so readiness and requests fail fast when MongoDB is down
 * @param connect bounds opening one socket
 * @param operation bounds one operation from start to end — server selection, connecting, every
 *     reply and the driver's retry included (the driver's {@code timeoutMS}), so a frozen server
 *     costs a request this long and no more
 */
public record MongoTimeouts(Duration serverSelection, Duration connect, Duration operation) {

  /** Two seconds for everything: a request waits on MongoDB at most that long per operation. */
  public static final MongoTimeouts DEFAULTS =
      new MongoTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));

  public MongoTimeouts {
    positive(serverSelection, "serverSelection");
    positive(connect, "connect");
    positive(operation, "operation");
  }

  private static void positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.toMillis() < 1) {
      throw new IllegalArgumentException(name + " must be at least one millisecond");
    }
  }
}
