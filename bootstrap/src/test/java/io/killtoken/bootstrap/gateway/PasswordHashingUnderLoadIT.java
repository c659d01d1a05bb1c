package io.killtoken.bootstrap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.killtoken.bootstrap.process.JarProcess;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A storm of logins and sign-ups against the jar started with the shipped JVM options (192 MiB of
 * heap, one 128 MiB scrypt array's worth): every answer is a clean one, the gateway keeps serving.
 */
class PasswordHashingUnderLoadIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "correct horse battery";
  private static final Set<Integer> CLEAN = Set.of(200, 201, 401, 429, 503);

  @TempDir Path home;

  /** One answer: status, Retry-After (or null), body. */
  record Answer(int status, String retryAfter, String body) {}

  @Test
  void thirty_concurrent_logins_and_sign_ups_get_clean_answers_while_the_gateway_serves()
      throws Exception {
    try (FakeOpenAi openai = new FakeOpenAi();
        JarProcess killtoken =
            JarProcess.start(
                    Map.of(
                        "KILLTOKEN_PORT", "0",
                        "KILLTOKEN_HOST", "127.0.0.1",
                        "KILLTOKEN_DATA_DIR",
                            Files.createDirectory(home.resolve("data")).toString(),
                        "KILLTOKEN_SIGNUP_PLAN", "pro",
                        "KILLTOKEN_ACCESS_LOG", "OFF",
                        "KILLTOKEN_PROVIDER_OPENAI_BASE_URL", openai.baseUrl()))
                .awaitListening(Duration.ofSeconds(90))) {
      HttpClient owner = client();
      String email = "owner-" + UUID.randomUUID() + "@example.com";
      Answer signedUp =
          send(
              owner,
              killtoken.url("/api/v1/auth/signup"),
              Map.of("email", email, "password", PASSWORD, "tenant_name", "Acme"),
              null);
      assertEquals(201, signedUp.status(), signedUp.body());
      String csrf = JSON.readTree(signedUp.body()).get("csrf_token").asText();
      Answer credential =
          send(
              owner,
              killtoken.url("/api/v1/credentials"),
              Map.of("provider", "openai", "secret", "sk-proj-load-" + UUID.randomUUID()),
              csrf);
      assertEquals(201, credential.status(), credential.body());
      Answer key =
          send(
              owner,
              killtoken.url("/api/v1/keys"),
              Map.of("name", "load", "scopes", List.of("gateway")),
              csrf);
      assertEquals(201, key.status(), key.body());
      String gatewayKey = JSON.readTree(key.body()).get("key").asText();

      List<Answer> accounts;
      List<Answer> gateway;
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<Answer>> storm = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
          int n = i;
          storm.add(
              pool.submit(
                  () ->
                      n % 2 == 0
                          ? send(
                              client(),
                              killtoken.url("/api/v1/auth/login"),
                              Map.of("email", email, "password", n % 4 == 0 ? PASSWORD : "wrong"),
                              null)
                          : send(
                              client(),
                              killtoken.url("/api/v1/auth/signup"),
                              Map.of(
                                  "email",
                                  "storm-" + UUID.randomUUID() + "@example.com",
                                  "password",
                                  PASSWORD,
                                  "tenant_name",
                                  "Storm " + n),
                              null)));
        }
        List<Future<Answer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          calls.add(pool.submit(() -> chat(killtoken, gatewayKey)));
        }
        accounts = results(storm);
        gateway = results(calls);
      }

      for (Answer answer : accounts) {
        assertTrue(
            CLEAN.contains(answer.status()),
            "unclean answer " + answer + "\n" + killtoken.output());
        if (answer.status() == 503) {
          assertNotNull(answer.retryAfter(), "503 without Retry-After: " + answer);
          assertEquals("password_hashing_busy", JSON.readTree(answer.body()).get("code").asText());
        }
      }
      assertTrue(
          accounts.stream().anyMatch(a -> a.status() == 200 || a.status() == 201),
          "no login or sign-up got through: " + statuses(accounts));
      for (Answer answer : gateway) {
        assertEquals(
            200, answer.status(), "gateway call failed: " + answer + "\n" + killtoken.output());
      }
      assertFalse(
          killtoken.output().contains("OutOfMemoryError"),
          "the process ran out of memory:\n" + killtoken.output());
      System.out.println("logins and sign-ups answered " + statuses(accounts));
    }
  }

  private static Map<Integer, Long> statuses(List<Answer> answers) {
    return answers.stream().collect(Collectors.groupingBy(Answer::status, Collectors.counting()));
  }

  private static List<Answer> results(List<Future<Answer>> futures) throws Exception {
    List<Answer> answers = new ArrayList<>();
    for (Future<Answer> future : futures) {
      answers.add(future.get());
    }
    return answers;
  }

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .cookieHandler(new CookieManager())
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  private static Answer chat(JarProcess killtoken, String gatewayKey)
      throws IOException, InterruptedException {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "model",
                "gpt-4o-mini",
                "messages",
                List.of(Map.of("role", "user", "content", "Hello " + UUID.randomUUID()))));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(killtoken.url("/v1/chat/completions")))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + gatewayKey)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = client().send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(
        response.statusCode(),
        response.headers().firstValue("Retry-After").orElse(null),
        response.body());
  }

  private static Answer send(HttpClient client, String url, Object body, String csrf)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (csrf != null) {
      request.header("X-CSRF-Token", csrf);
    }
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(
        response.statusCode(),
        response.headers().firstValue("Retry-After").orElse(null),
        response.body());
  }
}
