package io.killtoken.bootstrap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.adapters.redis.RedisFixture;
import io.killtoken.bootstrap.admin.Browser;
import io.killtoken.bootstrap.admin.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exact-response cache end to end, with the OpenAI SDK, against a node on its own Redis: a
 * repeat is a hit that costs no tokens, JSON and streams serve each other, the client's directives
 * are obeyed, entries expire and stay with their tenant, and a Redis that stops never stops the
 * gateway.
 */
class ResponseCacheTest {

  private static FakeOpenAi openai;
  private static RedisFixture redis;
  private static Node.Cluster cluster;
  private static Node node;

  @BeforeAll
  static void start() throws Exception {
    openai = new FakeOpenAi();
    redis = RedisFixture.dedicated();
    cluster = Node.Cluster.fresh();
    node =
        cluster.start(
            Map.of(
                "KILLTOKEN_PROVIDER_OPENAI_BASE_URL", openai.baseUrl(),
                "REDIS_URL", redis.url(),
                "KILLTOKEN_SIGNUP_PLAN", "enterprise"));
  }

  @AfterAll
  static void stop() {
    node.close();
    redis.close();
    openai.close();
  }

  /** A signed-up tenant with a gateway key and its own OpenAI credential. */
  private record Tenant(Browser browser, OpenAIClient client, String keyId) {}

  private static Tenant tenant() {
    Browser browser = new Browser(node);
    browser.signUp("cache-" + UUID.randomUUID() + "@example.com", "cache");
    browser.post(
        "/api/v1/credentials", Map.of("provider", "openai", "secret", "sk-" + UUID.randomUUID()));
    JsonNode key =
        browser.post("/api/v1/keys", Map.of("name", "app", "scopes", List.of("gateway"))).json();
    OpenAIClient client =
        OpenAIOkHttpClient.builder()
            .apiKey(key.get("key").asText())
            .baseUrl(node.url("/v1"))
            .maxRetries(0)
            .timeout(Duration.ofSeconds(10))
            .build();
    return new Tenant(browser, client, key.get("id").asText());
  }

  private static ChatCompletionCreateParams.Builder deterministic(String prompt) {
    return ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini")
        .temperature(0.0)
        .addUserMessage(prompt);
  }

  private static HttpResponseFor<ChatCompletion> json(Tenant tenant, ChatCompletionCreateParams p) {
    return tenant.client().chat().completions().withRawResponse().create(p);
  }

  private static String cache(com.openai.core.http.HttpResponse response) {
    return response.headers().values("x-killtoken-cache").getFirst();
  }

  /** The upstream calls whose last message is {@code prompt}. */
  private static List<FakeOpenAi.Received> upstreamCalls(String prompt) {
    return openai.received().stream()
        .filter(
            r -> {
              JsonNode messages = r.body().path("messages");
              return messages.path(messages.size() - 1).path("content").asText().equals(prompt);
            })
        .toList();
  }

  /** Every chunk of a streamed call, as the OpenAI SDK parsed them. */
  private static List<ChatCompletionChunk> chunks(
      Tenant tenant, ChatCompletionCreateParams params, List<String> cacheHeader) {
    HttpResponseFor<StreamResponse<ChatCompletionChunk>> response =
        tenant.client().chat().completions().withRawResponse().createStreaming(params);
    cacheHeader.add(cache(response));
    try (StreamResponse<ChatCompletionChunk> chunks = response.parse()) {
      return chunks.stream().toList();
    }
  }

  private static String streamed(
      Tenant tenant, ChatCompletionCreateParams params, List<String> cacheHeader) {
    HttpResponseFor<StreamResponse<ChatCompletionChunk>> response =
        tenant.client().chat().completions().withRawResponse().createStreaming(params);
    cacheHeader.add(cache(response));
    try (StreamResponse<ChatCompletionChunk> chunks = response.parse()) {
      return chunks.stream()
          .flatMap(c -> c.choices().stream())
          .map(c -> c.delta().content().orElse(""))
          .collect(Collectors.joining());
    }
  }

  @Test
  void a_repeat_is_a_hit_that_costs_no_tokens_and_records_what_it_saved() throws Exception {
    Tenant ada = tenant();
    ChatCompletionCreateParams params = deterministic("hello " + UUID.randomUUID()).build();
    int before = openai.received().size();

    HttpResponseFor<ChatCompletion> miss = json(ada, params);
    HttpResponseFor<ChatCompletion> hit = json(ada, params);

    assertEquals("miss", cache(miss));
    assertEquals("hit", cache(hit));
    assertEquals(
        miss.parse().choices().getFirst().message().content(),
        hit.parse().choices().getFirst().message().content());
    assertEquals(before + 1, openai.received().size(), "one upstream call for two requests");
    List<Document> records = usageOf(ada.keyId(), 2);
    Document hitRecord =
        records.stream().filter(d -> "HIT".equals(d.getString("cache"))).findFirst().orElseThrow();
    assertEquals(0L, hitRecord.get("tokens", Document.class).getLong("input"));
    assertEquals(12L, hitRecord.get("saved", Document.class).getLong("input"));
    assertTrue(hitRecord.getLong("savedCostMicros") > 0, hitRecord.toJson());
    JsonNode stats = ada.browser().get("/api/v1/cache").json();
    assertEquals(1, stats.get("entries").asInt());
    assertEquals(1, stats.get("hits").asInt());
    assertEquals(17, stats.get("tokens_saved").asInt());
  }

  @Test
  void a_json_answer_serves_a_stream_and_a_streamed_answer_serves_json() {
    Tenant ada = tenant();
    List<String> headers = new ArrayList<>();
    ChatCompletionCreateParams first = deterministic("json first " + UUID.randomUUID()).build();
    String text = json(ada, first).parse().choices().getFirst().message().content().orElseThrow();

    String replayed =
        streamed(
            ada,
            first.toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build(),
            headers);

    assertEquals(text, replayed);
    ChatCompletionCreateParams second = deterministic("stream first " + UUID.randomUUID()).build();
    String live = streamed(ada, second, headers);
    HttpResponseFor<ChatCompletion> fromStream = json(ada, second);
    assertEquals(List.of("hit", "miss"), headers);
    assertEquals("hit", cache(fromStream));
    assertEquals(live, fromStream.parse().choices().getFirst().message().content().orElseThrow());
  }

  @Test
  void a_stream_kept_without_include_usage_serves_json_and_streams_with_the_providers_usage() {
    Tenant ada = tenant();
    String prompt = "usage " + UUID.randomUUID();
    ChatCompletionCreateParams params = deterministic(prompt).build();
    List<String> headers = new ArrayList<>();

    List<ChatCompletionChunk> first = chunks(ada, params, headers);
    HttpResponseFor<ChatCompletion> json = json(ada, params);
    List<ChatCompletionChunk> replayed =
        chunks(
            ada,
            params.toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build(),
            headers);

    assertEquals(List.of("miss", "hit"), headers);
    List<FakeOpenAi.Received> upstream = upstreamCalls(prompt);
    assertEquals(1, upstream.size());
    assertTrue(
        upstream.getFirst().body().path("stream_options").path("include_usage").asBoolean(),
        "the gateway asks the provider for usage whatever the client asked");
    assertTrue(
        first.stream().noneMatch(c -> c.usage().isPresent() || c.choices().isEmpty()),
        "the first client did not ask for the usage chunk and got none");
    assertEquals("hit", cache(json));
    CompletionUsage usage = json.parse().usage().orElseThrow();
    assertEquals(9, usage.promptTokens());
    assertEquals(6, usage.completionTokens());
    assertEquals(15, usage.totalTokens());
    ChatCompletionChunk last = replayed.getLast();
    assertTrue(last.choices().isEmpty(), "a usage chunk ends the replay");
    assertEquals(15, last.usage().orElseThrow().totalTokens());
    assertEquals(
        3,
        last.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens().orElse(0L));
  }

  @Test
  void twenty_identical_calls_at_once_make_one_upstream_call_and_count_nineteen_hits()
      throws Exception {
    Tenant ada = tenant();
    String prompt = "slow twins " + UUID.randomUUID();
    ChatCompletionCreateParams params = deterministic(prompt).build();
    List<Future<String>> calls = new ArrayList<>();
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      CountDownLatch go = new CountDownLatch(1);
      for (int i = 0; i < 20; i++) {
        calls.add(
            callers.submit(
                () -> {
                  go.await();
                  return cache(json(ada, params));
                }));
      }
      go.countDown();
    }
    Map<String, Long> told = new java.util.TreeMap<>();
    for (Future<String> call : calls) {
      told.merge(call.get(), 1L, Long::sum);
    }

    assertEquals(Map.of("hit", 19L, "miss", 1L), told);
    assertEquals(1, upstreamCalls(prompt).size(), "one upstream call for twenty requests");
    JsonNode stats = ada.browser().get("/api/v1/cache").json();
    assertEquals(19, stats.get("hits").asInt(), stats.toString());
    assertEquals(1, stats.get("misses").asInt(), stats.toString());
    assertEquals(19 * 17, stats.get("tokens_saved").asInt(), stats.toString());
    assertEquals(19 * 12, stats.get("input_tokens_saved").asInt(), stats.toString());
    assertTrue(stats.get("usd_saved").asDouble() > 0, stats.toString());
    List<Document> records = usageOf(ada.keyId(), 20);
    assertEquals(20, records.size());
    List<Document> hits = records.stream().filter(d -> "HIT".equals(d.getString("cache"))).toList();
    assertEquals(19, hits.size(), "every waiter's usage record says hit");
    for (Document hit : hits) {
      assertEquals(0L, hit.get("tokens", Document.class).getLong("input"), hit.toJson());
      assertEquals(0L, hit.get("tokens", Document.class).getLong("output"), hit.toJson());
      assertEquals(0L, hit.getLong("costMicros"), hit.toJson());
      assertEquals(12L, hit.get("saved", Document.class).getLong("input"), hit.toJson());
      assertEquals(5L, hit.get("saved", Document.class).getLong("output"), hit.toJson());
      assertTrue(hit.getLong("savedCostMicros") > 0, hit.toJson());
    }
  }

  @Test
  void bypass_no_cache_no_store_and_a_short_ttl_do_what_they_say() throws Exception {
    Tenant ada = tenant();
    String prompt = "directives " + UUID.randomUUID();

    // no-store still reads (a miss here), it only keeps nothing.
    assertEquals(
        "miss",
        cache(
            json(
                ada,
                deterministic(prompt).putAdditionalHeader("Cache-Control", "no-store").build())));
    assertEquals("miss", cache(json(ada, deterministic(prompt).build())), "no-store kept nothing");
    assertEquals(
        "bypass",
        cache(
            json(
                ada,
                deterministic(prompt).putAdditionalHeader("x-killtoken-cache", "bypass").build())));
    assertEquals(
        "bypass",
        cache(
            json(
                ada,
                deterministic(prompt).putAdditionalHeader("Cache-Control", "no-cache").build())));
    assertEquals("hit", cache(json(ada, deterministic(prompt).build())));

    String brief = "ttl " + UUID.randomUUID();
    json(ada, deterministic(brief).putAdditionalHeader("x-killtoken-cache-ttl", "1").build());
    assertEquals("hit", cache(json(ada, deterministic(brief).build())));
    Thread.sleep(1_300);
    assertEquals("miss", cache(json(ada, deterministic(brief).build())), "the entry expired");
  }

  @Test
  void a_ttl_header_that_is_not_a_whole_number_of_seconds_in_range_is_a_clear_400() {
    Tenant ada = tenant();
    for (String bad : List.of("abc", "0", "-5", "99999999999")) {
      com.openai.errors.BadRequestException refused =
          org.junit.jupiter.api.Assertions.assertThrows(
              com.openai.errors.BadRequestException.class,
              () ->
                  json(
                      ada,
                      deterministic("ttl " + bad)
                          .putAdditionalHeader("x-killtoken-cache-ttl", bad)
                          .build()));
      assertTrue(refused.getMessage().contains("x-killtoken-cache-ttl"), refused.getMessage());
    }
  }

  @Test
  void sampled_requests_are_not_cached_by_default() {
    Tenant ada = tenant();
    ChatCompletionCreateParams sampled =
        ChatCompletionCreateParams.builder()
            .model("gpt-4o-mini")
            .temperature(0.9)
            .addUserMessage("creative " + UUID.randomUUID())
            .build();

    assertEquals("bypass", cache(json(ada, sampled)));
    assertEquals("bypass", cache(json(ada, sampled)));
  }

  @Test
  void two_tenants_never_share_an_entry_and_a_purge_removes_only_the_callers() {
    Tenant ada = tenant();
    Tenant bea = tenant();
    ChatCompletionCreateParams same = deterministic("shared " + UUID.randomUUID()).build();
    json(ada, same);

    assertEquals("miss", cache(json(bea, same)), "bea never gets ada's answer");
    assertEquals("hit", cache(json(bea, same)));

    JsonNode purged = ada.browser().delete("/api/v1/cache").json();
    assertEquals(1, purged.get("purged").asInt());
    assertEquals("miss", cache(json(ada, same)));
    assertEquals("hit", cache(json(bea, same)), "bea's entry survived ada's purge");
  }

  @Test
  void with_redis_stopped_the_gateway_still_answers_as_misses_and_recovers() throws Exception {
    Tenant ada = tenant();
    ChatCompletionCreateParams params = deterministic("outage " + UUID.randomUUID()).build();
    json(ada, params);
    redis.stop();
    try {
      long started = System.nanoTime();
      HttpResponseFor<ChatCompletion> during = json(ada, params);
      assertEquals("miss", cache(during));
      assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5, "never hangs");
      assertEquals(503, ada.browser().get("/api/v1/cache").status());
    } finally {
      redis.start();
    }
    String after = "";
    // Asked again once the circuit breaker's next probe gets an answer (8 s at most).
    for (int i = 0; i < 100 && !after.equals("hit"); i++) {
      after = cache(json(ada, params));
      Thread.sleep(100);
    }
    assertEquals("hit", after, "the cache works again once Redis is back");
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
              .into(new ArrayList<>());
      if (records.size() >= atLeast || System.nanoTime() > deadline) {
        return records;
      }
      Thread.sleep(50);
    }
  }
}
