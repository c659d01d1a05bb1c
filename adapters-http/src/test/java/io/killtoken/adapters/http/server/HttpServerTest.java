package io.killtoken.adapters.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.killtoken.adapters.http.error.ErrorResponses;
import io.killtoken.adapters.http.health.ProbeRoutes;
import io.killtoken.application.health.CheckReadiness;
import io.killtoken.application.health.ReadinessCheck;
import io.killtoken.domain.error.InvalidApiKey;
import io.killtoken.domain.error.LimitExceeded;
import io.killtoken.domain.error.MissingProviderCredential;
import io.killtoken.domain.error.NonRetriableUpstreamFailure;
import io.killtoken.domain.error.RetriableUpstreamFailure;
import io.killtoken.domain.health.DependencyProbe;
import io.killtoken.domain.provider.ProviderId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpServerTest {

  private static final String CANARY = "sk-CANARYcanary0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicBoolean MONGO_UP = new AtomicBoolean(true);
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static HttpServer server;

  private static DependencyProbe probe(String name, AtomicBoolean up) {
    return new DependencyProbe() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean healthy() {
        if (!up.get()) {
          throw new IllegalStateException("mongodb://admin:" + CANARY + "@db.internal:27017");
        }
        return true;
      }
    };
  }

  private static void testRoutes(JavalinConfig config) {
    config.routes.get(
        "/api/v1/limited",
        ctx -> {
          throw new LimitExceeded("rate_limited", "Too many requests.", Duration.ofMillis(1500));
        });
    config.routes.post(
        "/v1/chat/completions",
        ctx -> {
          throw new MissingProviderCredential(new ProviderId("openai"));
        });
    config.routes.post(
        "/v1/messages",
        ctx -> {
          throw new InvalidApiKey();
        });
    config.routes.get(
        "/v1/upstream/{status}",
        ctx -> {
          int status = Integer.parseInt(ctx.pathParam("status"));
          throw status >= 500 || status == 429 || status == 0
              ? new RetriableUpstreamFailure("upstream failed", status, Duration.ofSeconds(7))
              : new NonRetriableUpstreamFailure("model not found", status, null);
        });
    config.routes.get(
        "/api/v1/boom",
        ctx -> {
          throw new IllegalStateException("leaking " + CANARY);
        });
    config.routes.post("/api/v1/echo", ctx -> ctx.result(Integer.toString(ctx.body().length())));
  }

  @BeforeAll
  static void start() {
    CheckReadiness readiness =
        new CheckReadiness(
            List.of(
                new ReadinessCheck(probe("mongo", MONGO_UP), true),
                new ReadinessCheck(probe("redis", new AtomicBoolean(true)), false)),
            Duration.ofSeconds(1));
    List<Consumer<JavalinConfig>> routes =
        List.of(
            new ProbeRoutes(readiness)::register,
            new ErrorResponses(JSON)::register,
            HttpServerTest::testRoutes);
    server =
        new HttpServer(new HttpSettings("127.0.0.1", 0, 64 * 1024, Duration.ofSeconds(2)), routes)
            .start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
  }

  @Test
  void healthz_answers_without_touching_dependencies() throws Exception {
    MONGO_UP.set(false);
    try {
      HttpResponse<String> response = send(get("/healthz"));

      assertEquals(200, response.statusCode());
      assertEquals(true, JSON.readTree(response.body()).get("alive").asBoolean());
    } finally {
      MONGO_UP.set(true);
    }
  }

  @Test
  void readyz_reports_each_dependency_as_a_boolean() throws Exception {
    HttpResponse<String> response = send(get("/readyz"));

    assertEquals(200, response.statusCode());
    JsonNode body = JSON.readTree(response.body());
    assertTrue(body.get("ready").asBoolean());
    assertTrue(body.get("checks").get("mongo").isBoolean());
    assertTrue(body.get("checks").get("redis").isBoolean());
  }

  @Test
  void readyz_is_503_when_mongo_fails_and_never_shows_why() throws Exception {
    MONGO_UP.set(false);
    try {
      HttpResponse<String> response = send(get("/readyz"));

      assertEquals(503, response.statusCode());
      assertEquals(
          JSON.readTree("{\"ready\":false,\"checks\":{\"mongo\":false,\"redis\":true}}"),
          JSON.readTree(response.body()));
      assertFalse(response.body().contains("CANARY"));
      assertFalse(response.body().contains("db.internal"));
    } finally {
      MONGO_UP.set(true);
    }
  }

  @Test
  void every_response_carries_a_request_id_and_a_plain_one_is_echoed() throws Exception {
    HttpResponse<String> fresh = send(get("/healthz"));
    HttpResponse<String> echoed = send(get("/healthz").header("x-request-id", "trace-1234.abc"));
    HttpResponse<String> missing = send(get("/nope"));

    assertTrue(fresh.headers().firstValue("x-request-id").orElseThrow().length() >= 8);
    assertEquals("trace-1234.abc", echoed.headers().firstValue("x-request-id").orElseThrow());
    assertTrue(missing.headers().firstValue("x-request-id").isPresent());
  }

  @Test
  void a_request_id_that_could_forge_log_lines_is_replaced() throws Exception {
    HttpResponse<String> response =
        send(get("/healthz").header("x-request-id", "abc\"}{\"level\":\"ERROR"));

    String id = response.headers().firstValue("x-request-id").orElseThrow();
    assertNotEquals("abc\"}{\"level\":\"ERROR", id);
    assertTrue(id.matches("[0-9a-f-]{36}"));
  }

  @Test
  void an_unknown_admin_path_is_a_problem_json_404() throws Exception {
    HttpResponse<String> response = send(get("/api/v1/nothing-here"));

    assertEquals(404, response.statusCode());
    assertTrue(
        response
            .headers()
            .firstValue("content-type")
            .orElseThrow()
            .startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertEquals(404, problem.get("status").asInt());
    assertEquals("not_found", problem.get("code").asText());
  }

  @Test
  void a_limit_is_429_with_retry_after_rounded_up() throws Exception {
    HttpResponse<String> response = send(get("/api/v1/limited"));

    assertEquals(429, response.statusCode());
    assertEquals("2", response.headers().firstValue("Retry-After").orElseThrow());
    assertEquals("rate_limited", JSON.readTree(response.body()).get("code").asText());
  }

  @Test
  void gateway_errors_use_the_openai_body_that_sdks_parse() throws Exception {
    HttpResponse<String> response =
        send(get("/v1/chat/completions").POST(HttpRequest.BodyPublishers.ofString("{}")));

    assertEquals(400, response.statusCode());
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertEquals("missing_provider_credential", error.get("type").asText());
    assertEquals("missing_provider_credential", error.get("code").asText());
    assertTrue(error.get("message").asText().contains("openai"));
  }

  @Test
  void anthropic_clients_get_the_anthropic_error_body() throws Exception {
    HttpResponse<String> response =
        send(get("/v1/messages").POST(HttpRequest.BodyPublishers.ofString("{}")));

    assertEquals(401, response.statusCode());
    JsonNode body = JSON.readTree(response.body());
    assertEquals("error", body.get("type").asText());
    assertEquals("authentication_error", body.get("error").get("type").asText());
  }

  @Test
  void upstream_failures_keep_their_meaning() throws Exception {
    assertEquals(502, send(get("/v1/upstream/503")).statusCode());
    assertEquals(504, send(get("/v1/upstream/0")).statusCode());
    HttpResponse<String> limited = send(get("/v1/upstream/429"));
    assertEquals(429, limited.statusCode());
    assertEquals("7", limited.headers().firstValue("Retry-After").orElseThrow());
    assertEquals(404, send(get("/v1/upstream/404")).statusCode());
  }

  @Test
  void an_unexpected_error_is_a_bare_500_without_trace_or_secret() throws Exception {
    HttpResponse<String> response = send(get("/api/v1/boom"));

    assertEquals(500, response.statusCode());
    assertFalse(response.body().contains("CANARY"));
    assertFalse(response.body().contains("IllegalStateException"));
    assertFalse(response.body().contains("at io.killtoken"));
    assertEquals("internal_error", JSON.readTree(response.body()).get("code").asText());
  }

  @Test
  void a_body_over_the_limit_is_413_and_one_under_it_is_served() throws Exception {
    String big = "x".repeat(65 * 1024);
    String small = "x".repeat(1000);

    HttpResponse<String> refused =
        send(get("/api/v1/echo").POST(HttpRequest.BodyPublishers.ofString(big)));
    HttpResponse<String> served =
        send(get("/api/v1/echo").POST(HttpRequest.BodyPublishers.ofString(small)));

    assertEquals(413, refused.statusCode());
    assertEquals("payload_too_large", JSON.readTree(refused.body()).get("code").asText());
    assertEquals("1000", served.body());
  }
}
