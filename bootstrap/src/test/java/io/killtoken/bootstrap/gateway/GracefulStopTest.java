package io.killtoken.bootstrap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import io.killtoken.adapters.crypto.secret.MasterKeyset;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.adapters.redis.RedisFixture;
import io.killtoken.bootstrap.process.MainProcess;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graceful stop lets in-flight streams finish: KillToken runs in a JVM of its own with the
 * shipped options, ten slow streams (a chunk every 300 ms for about 4 s) are in flight, and it gets
 * a real SIGTERM. Every stream must end with {@code data: [DONE]}, and no usage record may say the
 * client left — in every one of several rounds, since the failure was intermittent.
 */
class GracefulStopTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int STREAMS = 10;
  private static final int ROUNDS = 5;

  @TempDir Path dataDir;

  @Test
  void a_sigterm_lets_every_in_flight_stream_finish_and_no_record_says_client_closed()
      throws Exception {
    String database = MongoFixture.freshDatabaseName();
    Map<String, String> env = new HashMap<>();
    env.put("KILLTOKEN_DATA_DIR", dataDir.toString());
    env.put("MONGODB_URI", MongoFixture.shared().connectionString());
    env.put("MONGODB_DATABASE", database);
    env.put("REDIS_URL", RedisFixture.shared().url());
    env.put("KILLTOKEN_MASTER_KEYSET", MasterKeyset.generate().toJson());
    env.put("KILLTOKEN_SESSION_SECRET", "graceful-stop-secret-" + UUID.randomUUID());
    env.put("KILLTOKEN_SIGNUP_PLAN", "enterprise");
    env.put("KILLTOKEN_DRAIN_TIMEOUT_SECONDS", "20");
    Path log = Files.createTempFile(dataDir, "killtoken", ".log");

    try (FaultyOpenAi upstream = new FaultyOpenAi();
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      env.put("KILLTOKEN_PROVIDER_OPENAI_BASE_URL", upstream.baseUrl());
      for (int round = 1; round <= ROUNDS; round++) {
        try (MainProcess node = MainProcess.start(env, log)) {
          Key key = key(node, round);
          int begunBefore = upstream.streamsBegun();
          List<CompletableFuture<Ended>> streams = new ArrayList<>();
          for (int i = 0; i < STREAMS; i++) {
            streams.add(CompletableFuture.supplyAsync(() -> stream(node, key.secret()), clients));
          }
          // Every stream is in flight (its first chunk left the provider), then the signal.
          long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
          while (upstream.streamsBegun() < begunBefore + STREAMS) {
            assertTrue(System.nanoTime() < deadline, "the streams did not begin; " + node.log());
            Thread.sleep(10);
          }
          long signalled = System.nanoTime();
          node.terminate();

          for (CompletableFuture<Ended> stream : streams) {
            Ended ended = stream.get(60, TimeUnit.SECONDS);
            assertTrue(
                ended.done(),
                "round "
                    + round
                    + ": a stream ended "
                    + Duration.ofNanos(ended.at() - signalled).toMillis()
                    + " ms after SIGTERM without [DONE] ("
                    + ended.events()
                    + " events, last: "
                    + ended.last()
                    + "); the log of the stop:\n"
                    + stopLog(node));
          }
          node.awaitExit(Duration.ofSeconds(40));
          assertTrue(node.log().contains("\"stopped\""), "the stop did not finish: " + node.log());

          List<Document> records =
              MongoFixture.shared()
                  .client()
                  .getDatabase(database)
                  .getCollection("usage")
                  .find(Filters.eq("apiKeyId", key.id()))
                  .into(new ArrayList<>());
          assertEquals(STREAMS, records.size(), "round " + round + ": " + records);
          for (Document record : records) {
            assertEquals("OK", record.getString("status"), "round " + round + ": " + record);
          }
        }
      }
    }
  }

  private static String stopLog(MainProcess node) throws InterruptedException {
    node.awaitExit(Duration.ofSeconds(40));
    String log = node.log();
    int last = log.lastIndexOf("listening on port");
    return log.substring(Math.max(0, last));
  }

  /** How one stream ended: whether {@code [DONE]} came, and when the body ended. */
  record Ended(boolean done, int events, String last, long at) {}

  private static Ended stream(MainProcess node, String key) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(node.url("/v1/chat/completions")))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\"gpt-slow\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"hi "
                        + UUID.randomUUID()
                        + "\"}]}"))
            .build();
    int events = 0;
    String last = "";
    boolean done = false;
    try {
      HttpResponse<Stream<String>> response =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
      if (response.statusCode() != 200) {
        return new Ended(false, 0, "HTTP " + response.statusCode(), System.nanoTime());
      }
      try (Stream<String> body = response.body()) {
        for (Iterator<String> it = body.iterator(); it.hasNext(); ) {
          String line = it.next();
          if (line.startsWith("data: ")) {
            events++;
            last = line;
            done |= line.equals("data: [DONE]");
          }
        }
      }
    } catch (Exception broken) {
      last = last + " then " + broken;
    }
    return new Ended(done, events, last, System.nanoTime());
  }

  /** A gateway key of a fresh tenant with an OpenAI credential, made through the HTTP API. */
  record Key(String id, String secret) {}

  private static Key key(MainProcess node, int round) throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    JsonNode signedUp =
        post(
            browser,
            node,
            "/api/v1/auth/signup",
            null,
            Map.of(
                "email",
                "stop-" + round + "-" + UUID.randomUUID() + "@example.com",
                "password",
                "correct horse battery",
                "tenant_name",
                "stop"));
    String csrf = signedUp.get("csrf_token").asText();
    post(
        browser,
        node,
        "/api/v1/credentials",
        csrf,
        Map.of("provider", "openai", "secret", "sk-stop-" + UUID.randomUUID()));
    JsonNode key =
        post(
            browser,
            node,
            "/api/v1/keys",
            csrf,
            Map.of("name", "app", "scopes", List.of("gateway")));
    return new Key(key.get("id").asText(), key.get("key").asText());
  }

  private static JsonNode post(
      HttpClient browser, MainProcess node, String path, String csrf, Object body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(node.url(path)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (csrf != null) {
      request.header("X-CSRF-Token", csrf);
    }
    HttpResponse<String> response =
        browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(201, response.statusCode(), path + ": " + response.body());
    return JSON.readTree(response.body());
  }
}
