package io.killtoken.bootstrap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.bootstrap.admin.Browser;
import io.killtoken.bootstrap.admin.Node;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The provider idle timeout (1.5 s here) bounds every gap between two chunks of a relayed stream,
 * not only the wait for the first: a provider that pauses for 4 s and then 7 s is cut off after one
 * idle period, the client gets the error event the OpenAI SDKs raise, the upstream connection is
 * closed and the usage record says the call failed upstream.
 */
class StreamIdleTimeoutTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration IDLE = Duration.ofMillis(1500);

  /** What the machine may add to one idle period: a busy build server, a cold code path. */
  private static final Duration MARGIN = Duration.ofMillis(1500);

  private static FaultyOpenAi upstream;
  private static Node.Cluster cluster;
  private static Node node;

  @BeforeAll
  static void start() throws Exception {
    upstream = new FaultyOpenAi();
    cluster = Node.Cluster.fresh();
    node =
        cluster.start(
            Map.of(
                "KILLTOKEN_PROVIDER_OPENAI_BASE_URL",
                upstream.baseUrl(),
                "KILLTOKEN_PROVIDER_IDLE_TIMEOUT_MS",
                String.valueOf(IDLE.toMillis())));
  }

  @AfterAll
  static void stop() {
    node.close();
    upstream.close();
  }

  @Test
  void a_pause_after_the_first_chunk_ends_the_stream_one_idle_timeout_later() throws Exception {
    assertCutOffAfterOneIdlePeriod("gpt-pauses-after-first", 2);
  }

  @Test
  void a_pause_between_later_chunks_ends_the_stream_one_idle_timeout_later() throws Exception {
    assertCutOffAfterOneIdlePeriod("gpt-pauses-later", 5);
  }

  private static void assertCutOffAfterOneIdlePeriod(String model, int chunksBeforePause)
      throws Exception {
    Key key = key();
    int closedBefore = upstream.closedByGateway();

    List<Timed> lines = stream(key.secret(), model);

    List<Timed> data = lines.stream().filter(line -> line.text().startsWith("data: ")).toList();
    assertFalse(
        data.stream().anyMatch(line -> line.text().equals("data: [DONE]")),
        "relayed to the end: " + data.size() + " events, the last " + data.getLast().text());
    assertEquals(chunksBeforePause + 1, data.size(), "the chunks before the pause, then the error");
    Timed error = data.getLast();
    JsonNode event = JSON.readTree(error.text().substring(6));
    assertEquals("stream_interrupted", event.path("error").path("code").asText(), error.text());
    assertTrue(event.path("error").path("message").asText().contains("no data for 1500 ms"));
    Duration gap = Duration.ofNanos(error.nanos() - data.get(data.size() - 2).nanos());
    assertTrue(gap.compareTo(IDLE.minusMillis(100)) >= 0, "cut off early, after " + gap);
    assertTrue(gap.compareTo(IDLE.plus(MARGIN)) < 0, "cut off only after " + gap);
    assertTrue(
        lines.getLast().nanos() - error.nanos() < MARGIN.toNanos(), "the stream ended with it");

    Document record = usageOf(key.id());
    assertEquals("UPSTREAM_ERROR", record.getString("status"), record.toJson());
    assertTrue(record.getBoolean("stream"));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (upstream.closedByGateway() == closedBefore && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(
        closedBefore + 1,
        upstream.closedByGateway(),
        "the fake provider could still write after its pause: the upstream stayed open");
  }

  /** One line of the SSE answer and when it arrived. */
  record Timed(String text, long nanos) {}

  private static List<Timed> stream(String key, String model) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(node.url("/v1/chat/completions")))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\""
                        + model
                        + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi "
                        + UUID.randomUUID()
                        + "\"}]}"))
            .build();
    HttpResponse<java.util.stream.Stream<String>> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, response.statusCode());
    List<Timed> lines = new ArrayList<>();
    try (java.util.stream.Stream<String> body = response.body()) {
      for (Iterator<String> it = body.iterator(); it.hasNext(); ) {
        String line = it.next();
        lines.add(new Timed(line, System.nanoTime()));
      }
    }
    return lines;
  }

  /** A gateway key of a fresh tenant that stored an OpenAI credential. */
  record Key(String id, String secret) {}

  private static Key key() {
    Browser browser = new Browser(node);
    browser.signUp("idle-" + UUID.randomUUID() + "@example.com", "idle");
    browser.post(
        "/api/v1/credentials",
        Map.of("provider", "openai", "secret", "sk-idle-" + UUID.randomUUID()));
    JsonNode key =
        browser.post("/api/v1/keys", Map.of("name", "app", "scopes", List.of("gateway"))).json();
    return new Key(key.get("id").asText(), key.get("key").asText());
  }

  private static Document usageOf(String keyId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      List<Document> records =
          MongoFixture.shared()
              .client()
              .getDatabase(cluster.database())
              .getCollection("usage")
              .find(Filters.eq("apiKeyId", keyId))
              .into(new ArrayList<>());
      if (!records.isEmpty()) {
        assertEquals(1, records.size(), "one attempt: nothing is retried once chunks went out");
        return records.getFirst();
      }
      assertTrue(System.nanoTime() < deadline, "no usage record was written");
      Thread.sleep(50);
    }
  }
}
