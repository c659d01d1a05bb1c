package io.killtoken.adapters.mongo.health;

import com.mongodb.client.MongoDatabase;
import io.killtoken.domain.health.DependencyProbe;
import java.util.Objects;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness probe for MongoDB: a {@code ping} command, bounded by the client's server-selection
 * timeout, reported as a bare boolean.
 */
public final class MongoProbe implements DependencyProbe {

  private static final Logger LOG = LoggerFactory.getLogger(MongoProbe.class);

  private final MongoDatabase database;

  public MongoProbe(MongoDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  @Override
  public String name() {
    return "mongo";
  }

  @Override
  public boolean healthy() {
    try {
      Document reply = database.runCommand(new Document("ping", 1));
      return reply.get("ok") instanceof Number ok && ok.doubleValue() == 1.0;
    } catch (RuntimeException e) {
      // Only the exception type: messages can carry host names, and readiness is polled often.
      LOG.debug("mongo probe failed: {}", e.getClass().getName());
      return false;
    }
  }
}
