package io.killtoken.bootstrap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.killtoken.adapters.redis.RedisFixture;
import io.killtoken.bootstrap.admin.Browser;
import io.killtoken.bootstrap.admin.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Redis that stops answering without closing its connections (a real redis-server frozen with
 * SIGSTOP): a gateway call pays at most one Redis timeout (500 ms) in all, readiness says {@code
 * redis:false} while the node does not ask Redis, and both come back after SIGCONT.
 */
class FrozenRedisTest {

  /** The node's Redis timeout ({@code Stores}): one is the most a call may wait on Redis. */
  private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);

  /** Room for a loaded two-core machine on top of the one timeout. */
  private static final Duration SLACK = Duration.ofMillis(400);

  private FakeOpenAi openai;
  private RedisFixture redis;
  private Node node;
  private Browser browser;
  private OpenAIClient client;

  @BeforeEach
  void start() throws Exception {
    openai = new FakeOpenAi();
    redis = RedisFixture.dedicated();
    node =
        Node.Cluster.fresh()
            .start(
                Map.of(
                    "KILLTOKEN_PROVIDER_OPENAI_BASE_URL", openai.baseUrl(),
                    "REDIS_URL", redis.url(),
                    "KILLTOKEN_SIGNUP_PLAN", "enterprise"));
    browser = new Browser(node);
    browser.signUp("frozen-" + UUID.randomUUID() + "@example.com", "frozen");
    browser.post(
        "/api/v1/credentials", Map.of("provider", "openai", "secret", "sk-" + UUID.randomUUID()));
    JsonNode key =
        browser
            .post(
                "/api/v1/keys",
                Map.of("name", "app", "scopes", List.of("gateway"), "monthly_budget_usd", 100))
            .json();
    client =
        OpenAIOkHttpClient.builder()
            .apiKey(key.get("key").asText())
            .baseUrl(node.url("/v1"))
            .maxRetries(0)
            .timeout(Duration.ofSeconds(30))
            .build();
  }

  @AfterEach
  void stop() {
    node.close();
    redis.close();
    openai.close();
  }

  @Test
  void a_frozen_redis_adds_at_most_one_timeout_to_a_call_and_readiness_follows_it()
      throws Exception {
    Duration healthy = fastestOf(5, "before");

    redis.freeze();
    List<Duration> frozen;
    try {
      frozen = new ArrayList<>(concurrently(4));
      for (int i = 0; i < 5; i++) {
        frozen.add(call("frozen " + i).elapsed());
      }
      JsonNode ready = browser.get("/readyz").json();
      assertTrue(ready.get("ready").asBoolean(), "Redis is optional: the node stays ready");
      assertFalse(ready.get("checks").get("redis").asBoolean(), ready.toString());
    } finally {
      redis.thaw();
    }

    Duration bound = healthy.plus(REDIS_TIMEOUT).plus(SLACK);
    for (Duration each : frozen) {
      assertTrue(
          each.compareTo(bound) <= 0,
          "with Redis frozen a call took " + frozen + ", healthy " + healthy + ", bound " + bound);
    }
    assertTrue(redisBackWithin(Duration.ofSeconds(20)), "readiness sees Redis again after SIGCONT");
    ChatCompletionCreateParams repeat = params("after " + UUID.randomUUID());
    client.chat().completions().create(repeat);
    assertEquals(
        "hit",
        client
            .chat()
            .completions()
            .withRawResponse()
            .create(repeat)
            .headers()
            .values("x-killtoken-cache")
            .getFirst(),
        "the node uses Redis again once it answers");
  }

  private record Timed(String cache, Duration elapsed) {}

  private Timed call(String prompt) {
    long started = System.nanoTime();
    HttpResponseFor<ChatCompletion> response =
        client.chat().completions().withRawResponse().create(params(prompt + UUID.randomUUID()));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    assertEquals(200, response.statusCode());
    return new Timed(response.headers().values("x-killtoken-cache").getFirst(), elapsed);
  }

  private static ChatCompletionCreateParams params(String prompt) {
    return ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini")
        .temperature(0.0)
        .addUserMessage(prompt)
        .build();
  }

  private Duration fastestOf(int calls, String prompt) {
    Duration fastest = null;
    for (int i = 0; i < calls; i++) {
      Duration each = call(prompt).elapsed();
      fastest = fastest == null || each.compareTo(fastest) < 0 ? each : fastest;
    }
    return fastest;
  }

  /** Calls made together the moment Redis froze: each may wait, but for one timeout only. */
  private List<Duration> concurrently(int calls) throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Timed>> futures = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        String prompt = "together " + i;
        futures.add(pool.submit(() -> call(prompt)));
      }
      List<Duration> elapsed = new ArrayList<>();
      for (Future<Timed> future : futures) {
        elapsed.add(future.get().elapsed());
      }
      return elapsed;
    }
  }

  private boolean redisBackWithin(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (browser.get("/readyz").json().get("checks").get("redis").asBoolean()) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }
}
