package io.killtoken.adapters.mongo.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.adapters.mongo.connection.MongoConnection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MongoProbeTest {

  @Test
  void the_probe_is_named_mongo() {
    assertEquals("mongo", new MongoProbe(MongoFixture.shared().freshDatabase()).name());
  }

  @Test
  void a_running_mongodb_is_healthy() {
    assertTrue(new MongoProbe(MongoFixture.shared().freshDatabase()).healthy());
  }

  @Test
  void a_closed_port_is_unhealthy_within_three_seconds_and_nothing_is_thrown() {
    // Default timeouts on purpose: this is what readiness sees when MongoDB is down.
    try (MongoConnection down =
        MongoConnection.open(MongoFixture.unreachableConnectionString(), "killtoken")) {
      MongoProbe probe = new MongoProbe(down.database());

      boolean healthy = assertTimeoutPreemptively(Duration.ofSeconds(3), probe::healthy);

      assertFalse(healthy);
    }
  }
}
