package io.killtoken.bootstrap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.InternalServerException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.bootstrap.admin.Browser;
import io.killtoken.bootstrap.admin.Node;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway when things go wrong or run out, driven by the OpenAI SDK: OpenAI itself refuses
 * connections (its base URL is a closed port), an OpenAI-compatible provider (Mistral, pointed at
 * the local fake) stands in as the fallback, and limits and budgets answer 429 with Retry-After.
 */
class ResilienceAndLimitsTest {

  private static FakeOpenAi upstream;
  private static Node.Cluster cluster;
  private static Node node;

  @BeforeAll
  static void start() throws Exception {
    upstream = new FakeOpenAi();
    cluster = Node.Cluster.fresh();
    node =
        cluster.start(
            Map.of(
                "KILLTOKEN_PROVIDER_OPENAI_BASE_URL",
                "http://127.0.0.1:" + closedPort() + "/v1",
                "KILLTOKEN_PROVIDER_MISTRAL_BASE_URL",
                upstream.baseUrl(),
                "KILLTOKEN_CREDENTIAL_BASE_URLS",
                "private",
                "KILLTOKEN_SIGNUP_PLAN",
                "enterprise"));
  }

  @AfterAll
  static void stop() {
    node.close();
    upstream.close();
  }

  @Test
  void a_provider_that_refuses_connections_is_retried_then_answers_502() throws Exception {
    Browser browser = signedUp();
    credential(browser, "openai", "sk-openai-" + UUID.randomUUID(), null);
    JsonNode key = key(browser, Map.of());

    InternalServerException refused =
        assertThrows(
            InternalServerException.class,
            () -> sdk(key).chat().completions().create(ask("gpt-4o-mini")));

    assertEquals(502, refused.statusCode());
    List<Document> attempts = usageOf(key.get("id").asText(), 3);
    assertEquals(3, attempts.size(), "the first try and two retries, each accounted");
    assertTrue(attempts.stream().allMatch(d -> d.getString("status").equals("UPSTREAM_ERROR")));
  }

  @Test
  void the_keys_fallback_model_on_another_provider_answers_with_that_providers_own_key()
      throws Exception {
    Browser browser = signedUp();
    credential(browser, "openai", "sk-openai-" + UUID.randomUUID(), null);
    String mistralKey = "mistral-" + UUID.randomUUID();
    credential(browser, "mistral", mistralKey, null);
    JsonNode key = key(browser, Map.of("fallback_models", List.of("mistral/mistral-small-latest")));
    assertEquals(
        List.of("mistral/mistral-small-latest"),
        List.of(key.get("fallback_models").get(0).asText()));

    ChatCompletion answer = sdk(key).chat().completions().create(ask("gpt-4o-mini"));

    assertEquals("Hello from the fake.", answer.choices().getFirst().message().content().get());
    FakeOpenAi.Received received = upstream.received().getLast();
    assertEquals("Bearer " + mistralKey, received.authorization());
    assertEquals("mistral-small-latest", received.body().get("model").asText());
    List<Document> attempts = usageOf(key.get("id").asText(), 4);
    assertEquals("mistral", attempts.getLast().getString("provider"));
    assertEquals("OK", attempts.getLast().getString("status"));
  }

  @Test
  void a_credential_with_its_own_base_url_is_called_there_and_nowhere_else() throws Exception {
    Browser browser = signedUp();
    String secret = "sk-selfhosted-" + UUID.randomUUID();
    JsonNode stored = credential(browser, "openai", secret, upstream.baseUrl());
    assertEquals(upstream.baseUrl(), stored.get("base_url").asText());
    JsonNode key = key(browser, Map.of());

    sdk(key).chat().completions().create(ask("gpt-4o-mini"));

    assertEquals("Bearer " + secret, upstream.received().getLast().authorization());
  }

  @Test
  void a_key_over_its_requests_per_minute_gets_429_with_retry_after() {
    Browser browser = signedUp();
    credential(browser, "mistral", "mistral-" + UUID.randomUUID(), null);
    JsonNode key = key(browser, Map.of("rpm_limit", 2));
    OpenAIClient client = sdk(key);

    client.chat().completions().create(ask("mistral-small-latest"));
    client.chat().completions().create(ask("mistral-small-latest"));
    RateLimitException limited =
        assertThrows(
            RateLimitException.class,
            () -> client.chat().completions().create(ask("mistral-small-latest")));

    assertTrue(Integer.parseInt(limited.headers().values("Retry-After").getFirst()) > 0);
    assertTrue(limited.getMessage().contains("requests-per-minute"), limited.getMessage());
  }

  @Test
  void a_key_whose_monthly_budget_is_spent_gets_budget_exceeded_until_it_is_raised() {
    Browser browser = signedUp();
    credential(browser, "mistral", "mistral-" + UUID.randomUUID(), null);
    // Ten micro-dollars: less than the worst case of one call (its prompt plus 64 output tokens).
    JsonNode key = key(browser, Map.of("monthly_budget_usd", 0.00001));
    OpenAIClient client = sdk(key);
    int before = upstream.received().size();

    RateLimitException refused =
        assertThrows(
            RateLimitException.class,
            () -> client.chat().completions().create(ask("mistral-small-latest")));

    assertEquals(before, upstream.received().size(), "nothing was spent upstream");
    assertTrue(refused.getMessage().contains("budget"), refused.getMessage());
    browser.patch("/api/v1/keys/" + key.get("id").asText(), Map.of("monthly_budget_usd", 100));
    client.chat().completions().create(ask("mistral-small-latest"));
  }

  private static Browser signedUp() {
    Browser browser = new Browser(node);
    browser.signUp("ops-" + UUID.randomUUID() + "@example.com", "ops");
    return browser;
  }

  private static JsonNode credential(Browser browser, String provider, String secret, String url) {
    Map<String, Object> body =
        new java.util.HashMap<>(Map.of("provider", provider, "secret", secret));
    if (url != null) {
      body.put("base_url", url);
    }
    Browser.Reply reply = browser.post("/api/v1/credentials", body);
    assertEquals(201, reply.status(), reply.body());
    return reply.json();
  }

  private static JsonNode key(Browser browser, Map<String, Object> limits) {
    Map<String, Object> body = new java.util.HashMap<>(limits);
    body.put("name", "app");
    body.put("scopes", List.of("gateway"));
    Browser.Reply reply = browser.post("/api/v1/keys", body);
    assertEquals(201, reply.status(), reply.body());
    return reply.json();
  }

  private static OpenAIClient sdk(JsonNode key) {
    return OpenAIOkHttpClient.builder()
        .apiKey(key.get("key").asText())
        .baseUrl(node.url("/v1"))
        .maxRetries(0)
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  private static ChatCompletionCreateParams ask(String model) {
    return ChatCompletionCreateParams.builder()
        .model(model)
        .maxCompletionTokens(64)
        .addUserMessage("Say hello " + UUID.randomUUID())
        .build();
  }

  private static List<Document> usageOf(String keyId, int atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      List<Document> records =
          MongoFixture.shared()
              .client()
              .getDatabase(cluster.database())
              .getCollection("usage")
              .find(Filters.eq("apiKeyId", keyId))
              .sort(new Document("occurredAt", 1))
              .into(new ArrayList<>());
      if (records.size() >= atLeast || System.nanoTime() > deadline) {
        return records;
      }
      Thread.sleep(50);
    }
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
