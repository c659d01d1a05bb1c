package io.killtoken.adapters.mongo.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.adapters.mongo.connection.MongoConnection;
import io.killtoken.adapters.mongo.connection.MongoTimeouts;
import io.killtoken.domain.usage.UsageMetric;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink while MongoDB is down: a mongo-java-server keeping its data in a file, stopped and
 * started again on the same port, so the driver sees the outage and the recovery a real restart
 * gives.
 */
class MongoUsageSinkOutageTest {

  /** Short waits, so an outage shows within a second and retries resume quickly. */
  private static final MongoTimeouts QUICK =
      new MongoTimeouts(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(5));

  private static final UsageBatching FAST_RETRIES =
      new UsageBatching(
          100_000,
          500,
          Duration.ofMillis(20),
          Duration.ofMillis(50),
          Duration.ofMillis(200),
          Duration.ofSeconds(20));

  @TempDir Path folder;

  private int port;
  private MongoServer server;
  private MongoConnection connection;

  @BeforeEach
  void startStore() {
    port = freePort();
    server = start();
    connection = MongoConnection.open("mongodb://127.0.0.1:" + port, "killtoken", QUICK);
  }

  @AfterEach
  void stopStore() {
    connection.close();
    if (server != null) {
      server.shutdownNow();
    }
  }

  private MongoServer start() {
    MongoServer started = new MongoServer(new H2Backend(folder.resolve("usage.mv").toString()));
    started.bind("127.0.0.1", port);
    return started;
  }

  private void stop() {
    server.shutdownNow();
    server = null;
  }

  private MongoCollection<Document> usage() {
    return connection.database().getCollection("usage");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free local port", e);
    }
  }

  private static List<UsageMetric> metrics(int count) {
    List<UsageMetric> metrics = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      metrics.add(SampleUsage.any());
    }
    return metrics;
  }

  private Set<String> storedIds() {
    Set<String> ids = new HashSet<>();
    usage().find().projection(new Document("_id", 1)).forEach(d -> ids.add(d.getString("_id")));
    return ids;
  }

  @Test
  void records_recorded_while_mongodb_was_down_are_all_stored_once_when_it_is_back()
      throws Exception {
    try (MongoUsageSink sink = new MongoUsageSink(connection.database(), FAST_RETRIES)) {
      List<UsageMetric> before = metrics(100);
      before.forEach(sink::record);
      sink.flush();
      stop();

      List<UsageMetric> during = metrics(2_000);
      assertTimeoutPreemptively(Duration.ofSeconds(2), () -> during.forEach(sink::record));
      Thread.sleep(1_000); // long enough for several failed attempts
      assertEquals(2_000, sink.pending(), "nothing is stored while MongoDB is down");
      server = start();

      assertTrue(sink.flush(Duration.ofSeconds(30)));

      Set<String> expected = new HashSet<>();
      before.forEach(m -> expected.add(m.id().value()));
      during.forEach(m -> expected.add(m.id().value()));
      assertEquals(2_100, usage().countDocuments(), "no duplicates");
      assertEquals(expected, storedIds());
    }
  }

  @Test
  void record_returns_at_once_while_mongodb_is_unreachable() {
    try (MongoConnection down =
            MongoConnection.open(MongoFixture.unreachableConnectionString(), "killtoken", QUICK);
        MongoUsageSink sink =
            new MongoUsageSink(down.database(), FAST_RETRIES.withCloseTimeout(Duration.ZERO))) {

      // One blocking write would take the 500 ms server selection timeout; a thousand, minutes.
      assertTimeoutPreemptively(
          Duration.ofSeconds(1),
          () -> {
            for (int i = 0; i < 1_000; i++) {
              sink.record(SampleUsage.any());
            }
          });

      assertEquals(1_000, sink.pending());
    }
  }

  @Test
  void a_full_buffer_makes_record_wait_for_space_until_mongodb_is_back() throws Exception {
    try (MongoUsageSink sink =
        new MongoUsageSink(connection.database(), FAST_RETRIES.withCapacity(10))) {
      sink.record(SampleUsage.any());
      sink.flush();
      stop();
      List<UsageMetric> during = metrics(25);
      for (UsageMetric metric : during.subList(0, 10)) {
        sink.record(metric);
      }

      CompletableFuture<Void> rest =
          CompletableFuture.runAsync(() -> during.subList(10, 25).forEach(sink::record));
      Thread.sleep(500);
      assertFalse(rest.isDone(), "record waits while the buffer is full");
      server = start();

      rest.get();
      sink.flush();
      assertEquals(26, usage().countDocuments());
    }
  }

  @Test
  void close_gives_up_after_its_timeout_when_mongodb_stays_down() {
    MongoUsageSink sink =
        new MongoUsageSink(
            connection.database(), FAST_RETRIES.withCloseTimeout(Duration.ofMillis(300)));
    stop();
    sink.record(SampleUsage.any());

    assertTimeoutPreemptively(Duration.ofSeconds(3), sink::close);

    assertEquals(1, sink.pending(), "the record that could not be stored is reported");
  }

  @Test
  void a_record_waiting_for_space_is_refused_when_close_gives_up() throws Exception {
    MongoUsageSink sink =
        new MongoUsageSink(
            connection.database(),
            FAST_RETRIES.withCapacity(1).withCloseTimeout(Duration.ofMillis(300)));
    stop();
    // One record in flight and one buffered at most: the third waits for space.
    CompletableFuture<Void> waiting =
        CompletableFuture.runAsync(() -> metrics(3).forEach(sink::record));
    Thread.sleep(200);
    assertFalse(waiting.isDone(), "record waits while the buffer is full");

    sink.close();

    ExecutionException refused = assertThrows(ExecutionException.class, waiting::get);
    assertInstanceOf(IllegalStateException.class, refused.getCause());
  }
}
