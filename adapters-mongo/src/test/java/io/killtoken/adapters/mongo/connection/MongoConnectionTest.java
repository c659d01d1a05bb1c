package io.killtoken.adapters.mongo.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import io.killtoken.adapters.mongo.MongoFixture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class MongoConnectionTest {

  @Test
  void the_database_comes_from_the_connection_string_when_it_names_one() {
    String name = MongoFixture.freshDatabaseName();
    String uri = MongoFixture.shared().connectionString() + "/" + name;
    try (MongoConnection connection = MongoConnection.open(uri, "fallback")) {
      connection.database().getCollection("probe").insertOne(new Document("x", 1));
      try {
        assertEquals(name, connection.database().getName());
        assertEquals(
            1,
            MongoFixture.shared()
                .client()
                .getDatabase(name)
                .getCollection("probe")
                .countDocuments());
      } finally {
        connection.database().drop();
      }
    }
  }

  @Test
  void the_default_database_is_used_when_the_connection_string_names_none() {
    try (MongoConnection connection =
        MongoConnection.open(MongoFixture.shared().connectionString(), "killtoken")) {
      assertEquals("killtoken", connection.database().getName());
    }
  }

  @Test
  void opening_does_not_need_mongodb_to_be_up() {
    MongoConnection.open(MongoFixture.unreachableConnectionString(), "killtoken").close();
  }

  @Test
  void every_wait_is_bounded_by_default() {
    MongoClientSettings settings =
        MongoConnection.settings(
            new ConnectionString("mongodb://127.0.0.1:27017"), MongoTimeouts.DEFAULTS);

    assertEquals(
        2_000, settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS));
    assertEquals(2_000, settings.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS));
    assertEquals(2_000, settings.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS));
    assertEquals(2_000, settings.getConnectionPoolSettings().getMaxWaitTime(TimeUnit.MILLISECONDS));
    assertEquals(2_000, settings.getTimeout(TimeUnit.MILLISECONDS), "the whole operation");
    assertEquals("killtoken", settings.getApplicationName());
  }

  @Test
  void timeouts_written_in_the_connection_string_win() {
    MongoClientSettings settings =
        MongoConnection.settings(
            new ConnectionString(
                "mongodb://127.0.0.1:27017/?serverSelectionTimeoutMS=500&connectTimeoutMS=700"
                    + "&socketTimeoutMS=900&waitQueueTimeoutMS=300&timeoutMS=1100&appName=ops"),
            MongoTimeouts.DEFAULTS);

    assertEquals(
        500, settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS));
    assertEquals(700, settings.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS));
    assertEquals(900, settings.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS));
    assertEquals(300, settings.getConnectionPoolSettings().getMaxWaitTime(TimeUnit.MILLISECONDS));
    assertEquals(1_100, settings.getTimeout(TimeUnit.MILLISECONDS));
    assertEquals("ops", settings.getApplicationName());
  }

  @Test
  void a_malformed_connection_string_is_refused_without_repeating_it() {
    for (String bad :
        new String[] {"http://user:s3cret@host", "mongodb://user:s3cret@", "s3cret"}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> MongoConnection.open(bad, "killtoken"));
      assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
      assertNull(e.getCause(), "a cause could quote the connection string");
    }
  }

  @Test
  void timeouts_must_be_positive() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new MongoTimeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)));
  }
}
