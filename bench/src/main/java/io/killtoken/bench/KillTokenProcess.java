package io.killtoken.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * KillToken as an operator runs it ({@code java -jar killtoken.jar}), in its own JVM, on external
 * stores or on its embedded defaults, with one tenant set up through the admin API the way a person
 * would: sign up, issue a gateway key, store an OpenAI credential.
 */
final class KillTokenProcess implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChildProcess jvm;
  private final int port;

  private KillTokenProcess(ChildProcess jvm, int port) {
    this.jvm = jvm;
    this.port = port;
  }

  /**
   * Starts the jar with only the variables below (any KILLTOKEN_*, MONGODB_* or REDIS_URL of the
   * caller's shell is not passed on), so every run measures the same configuration.
   *
   * @param storeEnv MONGODB_URI and REDIS_URL of the external stores; empty: the embedded defaults
   */
  static KillTokenProcess start(
      Path jar,
      List<String> jvmArgs,
      Map<String, String> storeEnv,
      URI providerBaseUrl,
      Path dataDir,
      Path log)
      throws InterruptedException {
    int port = Loopback.freePort();
    Map<String, String> env = new HashMap<>(storeEnv);
    env.putAll(
        Map.of(
            "KILLTOKEN_HOST",
            "127.0.0.1",
            "KILLTOKEN_PORT",
            Integer.toString(port),
            "KILLTOKEN_DATA_DIR",
            dataDir.toString(),
            "KILLTOKEN_PROVIDER_OPENAI_BASE_URL",
            providerBaseUrl.toString(),
            "KILLTOKEN_ACCESS_LOG",
            "OFF",
            "KILLTOKEN_LOG_LEVEL",
            "WARN",
            // The bench tenant must not run into the Free plan's 60 requests a minute.
            "KILLTOKEN_SIGNUP_PLAN",
            "enterprise"));
    ChildProcess jvm =
        ChildProcess.java("killtoken", jvmArgs, List.of("-jar", jar.toString()), env, log);
    try {
      Loopback.awaitUp(
          jvm, URI.create("http://127.0.0.1:" + port + "/readyz"), Duration.ofSeconds(90));
    } catch (RuntimeException | InterruptedException e) {
      jvm.close();
      throw e;
    }
    return new KillTokenProcess(jvm, port);
  }

  long pid() {
    return jvm.pid();
  }

  boolean alive() {
    return jvm.alive();
  }

  String logTail(int lines) {
    return jvm.logTail(lines);
  }

  URI chatCompletions() {
    return url("/v1/chat/completions");
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /**
   * Signs up a tenant, issues it a gateway key and stores its OpenAI key; returns the gateway key.
   */
  String provisionTenant(String providerKey) throws IOException, InterruptedException {
    try (HttpClient admin = HttpClient.newBuilder().cookieHandler(new CookieManager()).build()) {
      JsonNode session =
          post(
              admin,
              "/api/v1/auth/signup",
              null,
              Map.of(
                  "email", "bench-" + UUID.randomUUID() + "@example.com",
                  "password", "correct horse battery staple",
                  "tenant_name", "Benchmark"));
      String csrf = session.path("csrf_token").asText();
      JsonNode key =
          post(admin, "/api/v1/keys", csrf, Map.of("name", "bench", "scopes", List.of("gateway")));
      post(admin, "/api/v1/credentials", csrf, Map.of("provider", "openai", "secret", providerKey));
      return key.path("key").asText();
    }
  }

  private JsonNode post(HttpClient client, String path, String csrf, Object body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (csrf != null) {
      request.header("X-CSRF-Token", csrf);
    }
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "POST " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
  }

  /** A graceful stop (SIGTERM): KillToken drains and flushes its usage records. */
  @Override
  public void close() {
    jvm.close();
  }
}
