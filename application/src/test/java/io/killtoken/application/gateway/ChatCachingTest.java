package io.killtoken.application.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.application.testing.RecordingRateLimiter;
import io.killtoken.application.testing.TestClock;
import io.killtoken.domain.apikey.ApiKey;
import io.killtoken.domain.apikey.ApiKeyHash;
import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.apikey.ApiKeyLimits;
import io.killtoken.domain.apikey.ApiKeyScope;
import io.killtoken.domain.billing.PlanCatalog;
import io.killtoken.domain.cache.CacheKeys;
import io.killtoken.domain.cache.CacheStats;
import io.killtoken.domain.cache.RecordingResponseCache;
import io.killtoken.domain.credential.Credential;
import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.credential.InMemoryCredentialRepository;
import io.killtoken.domain.credential.StrictByok;
import io.killtoken.domain.error.RetriableUpstreamFailure;
import io.killtoken.domain.fingerprint.FingerprintKeys;
import io.killtoken.domain.limit.CounterNames;
import io.killtoken.domain.limit.RecordingSpendLedger;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.PriceList;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.BindingCheckingCipher;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.secret.SecretBinding;
import io.killtoken.domain.settings.CacheMode;
import io.killtoken.domain.settings.InMemorySettingsRepository;
import io.killtoken.domain.settings.TenantSettings;
import io.killtoken.domain.tenant.InMemoryTenantRepository;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.CacheResult;
import io.killtoken.domain.usage.TokenUsage;
import io.killtoken.domain.usage.UsageMetric;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ChatCachingTest {

  private static final String DETERMINISTIC =
      "{\"model\":\"s-small\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private final ScriptedProvider provider = new ScriptedProvider();
  private final ScriptedProvider backup = new ScriptedProvider("backup", "b-");
  private final InMemoryCredentialRepository credentials = new InMemoryCredentialRepository();
  private final BindingCheckingCipher cipher = new BindingCheckingCipher();
  private final List<UsageMetric> usage = new CopyOnWriteArrayList<>();
  private final List<CacheResult> verdicts = new CopyOnWriteArrayList<>();
  private final TestClock clock = new TestClock(Instant.parse("2026-11-29T10:00:00Z"));
  private final RecordingResponseCache cache = new RecordingResponseCache(clock);
  private final InMemorySettingsRepository settings = new InMemorySettingsRepository();
  private final ProxyChatCompletion proxy =
      new ProxyChatCompletion(
          new GatewayCalls(
              List.of(provider, backup),
              new StrictByok(credentials, cipher),
              new GatewayLimits(
                  new RecordingRateLimiter(),
                  new RecordingSpendLedger(clock),
                  new TenantPlans(new InMemoryTenantRepository(), PlanCatalog.DEFAULTS),
                  new CounterNames(new byte[32]),
                  clock),
              usage::add,
              new FingerprintKeys(new byte[32]),
              new PriceList(java.util.Map.of("scripted/s-small", ScriptedProvider.PRICE)),
              RetryPolicy.NONE,
              pause -> {},
              new RecordPrivacy(settings, null),
              clock),
          new ChatCaching(cache, new CacheKeys(new byte[32]), clock));
  private final TenantId alice = TenantId.random();

  /** Caching with the defaults every other gateway test runs with. */
  static ChatCaching caching(InstantSource clock) {
    return new ChatCaching(new RecordingResponseCache(clock), new CacheKeys(new byte[32]), clock);
  }

  @Test
  void a_repeated_deterministic_request_is_answered_from_the_cache_without_spending_tokens() {
    credential(alice, provider.id());
    ApiKey key = key(alice, ApiKeyLimits.NONE);

    String first = proxy.complete(ask(key, DETERMINISTIC, false), verdicts::add).body();
    String second = proxy.complete(ask(key, DETERMINISTIC, false), verdicts::add).body();

    assertEquals(first, second);
    assertEquals(1, provider.calls.size());
    assertEquals(List.of(CacheResult.MISS, CacheResult.HIT), verdicts);
    UsageMetric hit = usage.getLast();
    assertEquals(CacheResult.HIT, hit.cache());
    assertEquals(TokenUsage.NONE, hit.tokens());
    assertEquals(MicroDollars.ZERO, hit.cost());
    assertEquals(new TokenUsage(100, 10, 40), hit.saved());
    assertEquals(usage.getFirst().cost(), hit.savedCost());
    assertTrue(hit.savedCost().value() > 0);
  }

  @Test
  void a_json_answer_is_replayed_to_a_streaming_request_and_a_stream_serves_json() {
    credential(alice, provider.id());
    ApiKey key = key(alice, ApiKeyLimits.NONE);
    String json = proxy.complete(ask(key, DETERMINISTIC, false), verdicts::add).body();
    TestStreamClient client = new TestStreamClient(chunk -> true);

    proxy.stream(ask(key, DETERMINISTIC, true), client);

    assertEquals(List.of(json), client.replayed);
    assertEquals(List.of(CacheResult.HIT), client.results);

    String other = DETERMINISTIC.replace("hi", "hello");
    proxy.stream(ask(key, other, true), new TestStreamClient(chunk -> true));
    String fromStream = proxy.complete(ask(key, other, false), verdicts::add).body();
    assertTrue(fromStream.startsWith("{\"assembled\":["), fromStream);
    assertEquals(2, provider.calls.size(), "one JSON call, one stream, two hits");
  }

  @Test
  void the_tenants_mode_decides_what_may_be_cached() {
    credential(alice, provider.id());
    ApiKey key = key(alice, ApiKeyLimits.NONE);
    String sampled = DETERMINISTIC.replace("\"temperature\":0", "\"temperature\":0.7");

    proxy.complete(ask(key, sampled, false), verdicts::add);
    proxy.complete(ask(key, sampled, false), verdicts::add);
    assertEquals(List.of(CacheResult.BYPASS, CacheResult.BYPASS), verdicts);

    settings.save(new TenantSettings(alice, false, CacheMode.ALL, Duration.ofHours(1), 90, false));
    proxy.complete(ask(key, sampled, false), verdicts::add);
    proxy.complete(ask(key, sampled, false), verdicts::add);
    assertEquals(CacheResult.HIT, verdicts.getLast());

    settings.save(new TenantSettings(alice, false, CacheMode.OFF, Duration.ofHours(1), 90, false));
    proxy.complete(ask(key, DETERMINISTIC, false), verdicts::add);
    assertEquals(CacheResult.BYPASS, verdicts.getLast());
  }

  @Test
  void no_cache_skips_the_read_no_store_skips_the_write_and_a_shorter_ttl_is_kept() {
    credential(alice, provider.id());
    ApiKey key = key(alice, ApiKeyLimits.NONE);

    proxy.complete(
        ask(key, DETERMINISTIC, false, new CacheDirectives(true, false, Optional.empty())),
        verdicts::add);
    assertTrue(cache.puts().isEmpty(), "no-store");
    proxy.complete(
        ask(
            key,
            DETERMINISTIC,
            false,
            new CacheDirectives(false, true, Optional.of(Duration.ofSeconds(30)))),
        verdicts::add);
    assertEquals(List.of(CacheResult.MISS, CacheResult.BYPASS), verdicts);
    assertEquals(Duration.ofSeconds(30), cache.puts().getLast().ttl());

    proxy.complete(
        ask(
            key,
            DETERMINISTIC,
            false,
            new CacheDirectives(true, true, Optional.of(Duration.ofDays(9)))),
        verdicts::add);
    assertEquals(CacheResult.HIT, verdicts.getLast(), "the no-cache call stored its answer");
    assertEquals(2, provider.calls.size());
  }

  @Test
  void two_tenants_sending_the_same_request_never_share_an_entry() {
    TenantId bob = TenantId.random();
    credential(alice, provider.id());
    credential(bob, provider.id());

    proxy.complete(ask(key(alice, ApiKeyLimits.NONE), DETERMINISTIC, false), verdicts::add);
    proxy.complete(ask(key(bob, ApiKeyLimits.NONE), DETERMINISTIC, false), verdicts::add);

    assertEquals(List.of(CacheResult.MISS, CacheResult.MISS), verdicts);
    assertEquals(2, provider.calls.size());
    assertEquals("sk-" + bob.value().substring(0, 8), provider.calls.getLast().apiKey().value());
  }

  @Test
  void an_answer_from_a_fallback_model_is_not_kept_under_the_requested_models_key() {
    credential(alice, provider.id());
    credential(alice, backup.id());
    provider.failure = new RetriableUpstreamFailure("down", 503, null);
    ApiKey key =
        key(
            alice,
            new ApiKeyLimits(OptionalInt.empty(), Optional.empty(), Set.of(), List.of("b-one")));

    proxy.complete(ask(key, DETERMINISTIC, false), verdicts::add);

    assertEquals(1, backup.calls.size());
    assertTrue(cache.puts().isEmpty());
  }

  @Test
  void identical_requests_arriving_together_make_one_upstream_call() throws Exception {
    credential(alice, provider.id());
    ApiKey key = key(alice, ApiKeyLimits.NONE);
    provider.gate = new java.util.concurrent.CountDownLatch(1);
    List<String> bodies = new CopyOnWriteArrayList<>();
    List<Thread> callers = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      callers.add(
          Thread.ofVirtual()
              .start(
                  () ->
                      bodies.add(
                          proxy.complete(ask(key, DETERMINISTIC, false), verdicts::add).body())));
    }
    while (provider.calls.isEmpty()) {
      Thread.sleep(5);
    }
    Thread.sleep(100); // let the others find the call in flight
    provider.gate.countDown();
    for (Thread caller : callers) {
      caller.join();
    }

    assertEquals(1, provider.calls.size());
    assertEquals(8, bodies.size());
    assertEquals(7, verdicts.stream().filter(v -> v == CacheResult.HIT).count());
    CacheStats stats = cache.stats(alice).orElseThrow();
    assertEquals(7, stats.hits(), "the waiters were told hit and are counted so");
    assertEquals(1, stats.misses());
    TokenUsage bought = new TokenUsage(100, 10, 40); // what the scripted provider answers
    assertEquals(
        new TokenUsage(7 * bought.input(), 7 * bought.output(), 7 * bought.cachedInput()),
        stats.saved());
    List<UsageMetric> hits = usage.stream().filter(u -> u.cache() == CacheResult.HIT).toList();
    assertEquals(7, hits.size());
    for (UsageMetric hit : hits) {
      assertEquals(TokenUsage.NONE, hit.tokens());
      assertEquals(MicroDollars.ZERO, hit.cost());
      assertEquals(bought, hit.saved());
      assertTrue(hit.savedCost().value() > 0, hit.toString());
    }
  }

  @Test
  void a_stream_always_asks_the_provider_for_its_usage_chunk() {
    credential(alice, provider.id());

    proxy.stream(
        ask(key(alice, ApiKeyLimits.NONE), DETERMINISTIC, true), new TestStreamClient(c -> true));

    assertTrue(provider.calls.getFirst().includeUsage(), "the answer is kept with its usage");
  }

  @Test
  void a_miss_refused_by_a_limit_does_not_leave_its_twins_waiting() {
    credential(alice, provider.id());
    ApiKey broke =
        key(
            alice,
            new ApiKeyLimits(
                OptionalInt.empty(), Optional.of(MicroDollars.ZERO), Set.of(), List.of()));

    org.junit.jupiter.api.Assertions.assertThrows(
        io.killtoken.domain.error.LimitExceeded.class,
        () -> proxy.complete(ask(broke, DETERMINISTIC, false), verdicts::add));
    long started = System.nanoTime();
    proxy.complete(ask(key(alice, ApiKeyLimits.NONE), DETERMINISTIC, false), verdicts::add);

    assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 1_000, "no wait");
    assertEquals(1, provider.calls.size());
  }

  @Test
  void a_cache_that_is_down_is_a_miss_and_the_call_goes_upstream() {
    credential(alice, provider.id());
    cache.goDown();

    proxy.complete(ask(key(alice, ApiKeyLimits.NONE), DETERMINISTIC, false), verdicts::add);
    proxy.complete(ask(key(alice, ApiKeyLimits.NONE), DETERMINISTIC, false), verdicts::add);

    assertEquals(2, provider.calls.size());
  }

  private static ChatCommand ask(ApiKey key, String body, boolean stream) {
    return ask(key, body, stream, CacheDirectives.DEFAULT);
  }

  private static ChatCommand ask(
      ApiKey key, String body, boolean stream, CacheDirectives directives) {
    return new ChatCommand(key, "s-small", body, stream, false, "user: hi", directives);
  }

  private static ApiKey key(TenantId tenant, ApiKeyLimits limits) {
    return new ApiKey(
        ApiKeyId.random(),
        tenant,
        "app",
        new ApiKeyHash("a".repeat(64)),
        "kt_abcd…wxyz",
        Set.of(ApiKeyScope.GATEWAY),
        limits,
        Instant.EPOCH,
        Optional.empty());
  }

  private void credential(TenantId tenant, ProviderId provider) {
    CredentialId id = CredentialId.random();
    credentials.save(
        new Credential(
            id,
            tenant,
            provider,
            "main",
            cipher.seal(
                new PlainSecret("sk-" + tenant.value().substring(0, 8)),
                new SecretBinding(tenant, id.value())),
            "sk-…",
            Instant.EPOCH,
            Instant.EPOCH));
  }
}
