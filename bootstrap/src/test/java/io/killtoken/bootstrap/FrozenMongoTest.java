package io.killtoken.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.killtoken.adapters.crypto.secret.MasterKeyset;
import io.killtoken.bootstrap.process.AdminClient;
import io.killtoken.bootstrap.process.MainProcess;
import io.killtoken.bootstrap.process.MongoWireProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KillToken (its own JVM, shipped options) on a MongoDB-wire server in another process that is
 * frozen with SIGSTOP, thawed, then killed with SIGKILL: admin and gateway calls get a 503 naming
 * the outage, with Retry-After, within one operation timeout; the log says so once per outage and
 * holds no ERROR.
 */
class FrozenMongoTest {

  /** MongoTimeouts.DEFAULTS: the longest a request may wait on MongoDB. */
  private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(2);

  /** Room for a loaded two-core machine on top of the one timeout. */
  private static final Duration SLACK = Duration.ofMillis(1500);

  private static final String OUTAGE_LOGGED = "MongoDB is not answering";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  @Test
  void a_frozen_or_killed_mongodb_answers_503_with_retry_after_within_one_timeout()
      throws Exception {
    try (MongoWireProcess mongo = MongoWireProcess.start();
        MainProcess node =
            MainProcess.start(
                Map.of(
                    "KILLTOKEN_DATA_DIR", dataDir.toString(),
                    "MONGODB_URI", mongo.uri(),
                    "KILLTOKEN_MASTER_KEYSET", MasterKeyset.generate().toJson(),
                    "KILLTOKEN_SESSION_SECRET", "frozen-mongo-" + UUID.randomUUID()),
                dataDir.resolve("killtoken.log"))) {
      AdminClient owner = AdminClient.signUp(node, "frozen-" + UUID.randomUUID() + "@example.com");
      HttpResponse<String> created =
          owner.post("/api/v1/keys", Map.of("name", "ops", "scopes", List.of("admin", "gateway")));
      assertEquals(201, created.statusCode(), created.body());
      String key = JSON.readTree(created.body()).get("key").asText();
      AdminClient admin = AdminClient.withKey(node, key);
      assertEquals(200, admin.get("/api/v1/keys").statusCode());

      mongo.freeze();
      try {
        outageAnswers(node, admin, key);
      } finally {
        mongo.thaw();
      }
      awaitKeysListed(admin, Duration.ofSeconds(20));

      mongo.kill();
      outageAnswers(node, admin, key);

      String log = node.log();
      assertEquals(2, occurrences(log, OUTAGE_LOGGED), "one line per outage:\n" + log);
      assertTrue(log.contains("MongoDB answers again"), log);
      assertFalse(log.contains("\"level\":\"ERROR\""), "no request logs an ERROR:\n" + log);
    }
  }

  /** Three rounds of an admin call, both gateway routes and readiness, each a bounded 503. */
  private static void outageAnswers(MainProcess node, AdminClient admin, String key)
      throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    for (int round = 0; round < 3; round++) {
      HttpResponse<String> keys = timed(() -> admin.get("/api/v1/keys"));
      assertEquals(503, keys.statusCode(), keys.body());
      assertEquals("application/problem+json", mediaType(keys), keys.body());
      assertEquals("database_unavailable", JSON.readTree(keys.body()).get("code").asText());
      assertRetryAfter(keys);

      HttpResponse<String> chat =
          timed(
              () ->
                  client.send(
                      HttpRequest.newBuilder(URI.create(node.url("/v1/chat/completions")))
                          .header("Authorization", "Bearer " + key)
                          .header("Content-Type", "application/json")
                          .POST(
                              HttpRequest.BodyPublishers.ofString(
                                  "{\"model\":\"gpt-4o-mini\",\"messages\":"
                                      + "[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString()));
      assertEquals(503, chat.statusCode(), chat.body());
      JsonNode error = JSON.readTree(chat.body()).get("error");
      assertEquals("database_unavailable", error.get("type").asText(), chat.body());
      assertFalse(error.get("message").asText().contains("127.0.0.1"), chat.body());
      assertRetryAfter(chat);

      HttpResponse<String> messages =
          timed(
              () ->
                  client.send(
                      HttpRequest.newBuilder(URI.create(node.url("/v1/messages")))
                          .header("x-api-key", key)
                          .header("anthropic-version", "2023-06-01")
                          .header("Content-Type", "application/json")
                          .POST(
                              HttpRequest.BodyPublishers.ofString(
                                  "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,"
                                      + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString()));
      assertEquals(503, messages.statusCode(), messages.body());
      assertEquals(
          "database_unavailable",
          JSON.readTree(messages.body()).get("error").get("type").asText(),
          messages.body());
      assertRetryAfter(messages);

      HttpResponse<String> ready =
          timed(
              () ->
                  client.send(
                      HttpRequest.newBuilder(URI.create(node.url("/readyz"))).build(),
                      HttpResponse.BodyHandlers.ofString()));
      assertEquals(503, ready.statusCode(), ready.body());
      assertFalse(JSON.readTree(ready.body()).get("checks").get("mongo").asBoolean());
    }
  }

  private static HttpResponse<String> timed(Call call) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = call.send();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    Duration bound = OPERATION_TIMEOUT.plus(SLACK);
    assertTrue(
        took.compareTo(bound) <= 0,
        response.uri() + " took " + took.toMillis() + " ms, bound " + bound.toMillis() + " ms");
    return response;
  }

  private static void assertRetryAfter(HttpResponse<String> response) {
    String retryAfter = response.headers().firstValue("Retry-After").orElse("");
    assertTrue(retryAfter.matches("[1-9][0-9]*"), "Retry-After: '" + retryAfter + "'");
  }

  private static String mediaType(HttpResponse<String> response) {
    return response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
  }

  private static void awaitKeysListed(AdminClient admin, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    int status = 0;
    while (System.nanoTime() < deadline) {
      status = admin.get("/api/v1/keys").statusCode();
      if (status == 200) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the keys were not listed again after SIGCONT; last " + status);
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }

  @FunctionalInterface
  private interface Call {
    HttpResponse<String> send() throws Exception;
  }
}
