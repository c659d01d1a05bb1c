package io.killtoken.application.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.application.testing.RecordingRateLimiter;
import io.killtoken.application.testing.TestClock;
import io.killtoken.domain.apikey.ApiKey;
import io.killtoken.domain.apikey.ApiKeyHash;
import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.apikey.ApiKeyLimits;
import io.killtoken.domain.apikey.ApiKeyScope;
import io.killtoken.domain.billing.PlanCatalog;
import io.killtoken.domain.credential.Credential;
import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.credential.InMemoryCredentialRepository;
import io.killtoken.domain.credential.StrictByok;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.LimitExceeded;
import io.killtoken.domain.error.MissingProviderCredential;
import io.killtoken.domain.error.NonRetriableUpstreamFailure;
import io.killtoken.domain.error.PermissionDenied;
import io.killtoken.domain.error.RetriableUpstreamFailure;
import io.killtoken.domain.fingerprint.FingerprintKeys;
import io.killtoken.domain.limit.CalendarMonth;
import io.killtoken.domain.limit.CounterNames;
import io.killtoken.domain.limit.RecordingSpendLedger;
import io.killtoken.domain.limit.WorstCaseCost;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.PriceList;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.BindingCheckingCipher;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.secret.SealedSecret;
import io.killtoken.domain.secret.SecretBinding;
import io.killtoken.domain.settings.CacheMode;
import io.killtoken.domain.settings.InMemorySettingsRepository;
import io.killtoken.domain.settings.SettingsRepository;
import io.killtoken.domain.settings.TenantSettings;
import io.killtoken.domain.tenant.InMemoryTenantRepository;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.UsageAttribution;
import io.killtoken.domain.usage.UsageMetric;
import io.killtoken.domain.usage.UsageStatus;
import io.killtoken.domain.usage.UsageTags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProxyChatCompletionTest {

  private static final ProviderId SCRIPTED = new ProviderId("scripted");

  private final ScriptedProvider provider = new ScriptedProvider();
  private final InMemoryCredentialRepository credentials = new InMemoryCredentialRepository();
  private final BindingCheckingCipher cipher = new BindingCheckingCipher();
  private final InMemorySettingsRepository settings = new InMemorySettingsRepository();
  private final AtomicInteger settingsReads = new AtomicInteger();
  private final SettingsRepository countedSettings =
      new SettingsRepository() {
        @Override
        public Optional<TenantSettings> find(TenantId tenant) {
          settingsReads.incrementAndGet();
          return settings.find(tenant);
        }

        @Override
        public void save(TenantSettings chosen) {
          settings.save(chosen);
        }

        @Override
        public void delete(TenantId tenant) {
          settings.delete(tenant);
        }
      };
  private final RecordingRateLimiter limiter = new RecordingRateLimiter();
  private final List<UsageMetric> usage = new CopyOnWriteArrayList<>();
  private final TestClock clock = new TestClock(Instant.parse("2026-11-29T10:00:00Z"));
  private final RecordingSpendLedger ledger = new RecordingSpendLedger(clock);
  private final CounterNames names = new CounterNames(new byte[32]);
  private final List<Duration> pauses = new CopyOnWriteArrayList<>();
  private final ProxyChatCompletion proxy =
      new ProxyChatCompletion(calls(RetryPolicy.NONE), ChatCachingTest.caching(clock));

  private GatewayCalls calls(RetryPolicy retries) {
    return new GatewayCalls(
        List.of(provider),
        new StrictByok(credentials, cipher),
        new GatewayLimits(
            limiter,
            ledger,
            new TenantPlans(new InMemoryTenantRepository(), PlanCatalog.DEFAULTS),
            names,
            clock),
        usage::add,
        new FingerprintKeys(new byte[32]),
        PriceList.NONE,
        retries,
        pauses::add,
        new RecordPrivacy(countedSettings, cipher),
        clock);
  }

  private ApiKey key(TenantId tenant, ApiKeyLimits limits) {
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

  private void credential(TenantId tenant, String secret) {
    CredentialId id = CredentialId.random();
    credentials.save(
        new Credential(
            id,
            tenant,
            SCRIPTED,
            "main",
            cipher.seal(new PlainSecret(secret), new SecretBinding(tenant, id.value())),
            "sk-…",
            Instant.EPOCH,
            Instant.EPOCH));
  }

  private static ChatCommand ask(ApiKey key, String model, boolean stream) {
    return new ChatCommand(
        key, model, "{\"model\":\"" + model + "\"}", stream, false, "user: hello");
  }

  @Test
  void the_provider_gets_the_callers_own_key_and_the_routed_model() {
    TenantId alice = TenantId.random();
    TenantId bob = TenantId.random();
    credential(alice, "sk-alice-000000000");
    credential(bob, "sk-bob-11111111111");

    proxy.complete(ask(key(alice, ApiKeyLimits.NONE), "scripted/s-large", false), verdict -> {});
    proxy.complete(ask(key(bob, ApiKeyLimits.NONE), "s-small", false), verdict -> {});

    assertEquals("sk-alice-000000000", provider.calls.get(0).apiKey().value());
    assertEquals("s-large", provider.calls.get(0).model());
    assertEquals("sk-bob-11111111111", provider.calls.get(1).apiKey().value());
  }

  @Test
  void a_missing_credential_is_refused_before_any_call() {
    assertThrows(
        MissingProviderCredential.class,
        () ->
            proxy.complete(
                ask(key(TenantId.random(), ApiKeyLimits.NONE), "s-small", false), verdict -> {}));
    assertTrue(provider.calls.isEmpty());
  }

  @Test
  void an_unknown_model_is_a_bad_request() {
    assertThrows(
        InvalidRequest.class,
        () ->
            proxy.complete(
                ask(key(TenantId.random(), ApiKeyLimits.NONE), "llama-9", false), verdict -> {}));
  }

  @Test
  void a_key_may_call_only_its_allowed_models() {
    TenantId tenant = TenantId.random();
    credential(tenant, "sk-tenant-00000000");
    ApiKey limited =
        key(tenant, new ApiKeyLimits(OptionalInt.empty(), Optional.empty(), Set.of("s-small")));

    proxy.complete(ask(limited, "s-small", false), verdict -> {});
    assertThrows(
        PermissionDenied.class,
        () -> proxy.complete(ask(limited, "s-large", false), verdict -> {}));
    assertEquals(1, provider.calls.size());
  }

  @Test
  void a_key_over_its_requests_per_minute_gets_a_limit_with_retry_after() {
    TenantId tenant = TenantId.random();
    credential(tenant, "sk-tenant-00000000");
    ApiKey limited = key(tenant, new ApiKeyLimits(OptionalInt.of(2), Optional.empty(), Set.of()));

    proxy.complete(ask(limited, "s-small", false), verdict -> {});
    proxy.complete(ask(limited, "s-small", false), verdict -> {});
    LimitExceeded error =
        assertThrows(
            LimitExceeded.class,
            () -> proxy.complete(ask(limited, "s-small", false), verdict -> {}));

    assertEquals("rate_limited", error.code());
    assertTrue(error.retryAfter().compareTo(Duration.ZERO) > 0);
    assertEquals(2, provider.calls.size());
  }

  @Test
  void a_call_is_accounted_with_tokens_cost_and_a_fingerprint() {
    TenantId tenant = TenantId.random();
    credential(tenant, "sk-tenant-00000000");
    ApiKey key = key(tenant, ApiKeyLimits.NONE);

    proxy.complete(ask(key, "s-small", false), verdict -> {});

    UsageMetric metric = usage.getFirst();
    assertEquals(tenant, metric.tenantId());
    assertEquals(key.id(), metric.apiKeyId());
    assertEquals(UsageStatus.OK, metric.status());
    assertEquals(100, metric.tokens().input());
    // 60 input at $1/M + 40 cached at $0.5/M + 10 output at $2/M
    assertEquals(new MicroDollars(60 + 20 + 20), metric.cost());
    assertEquals(clock.instant(), metric.occurredAt());
  }

  @Test
  void a_prompt_is_kept_only_sealed_and_only_when_the_tenant_turned_prompt_storage_on() {
    TenantId tenant = TenantId.random();
    credential(tenant, "sk-tenant-00000000");
    ApiKey key = key(tenant, ApiKeyLimits.NONE);

    proxy.complete(ask(key, "s-small", false), verdict -> {});
    settings.save(
        new TenantSettings(tenant, true, CacheMode.DETERMINISTIC, Duration.ofHours(1), 90, false));
    proxy.complete(ask(key, "s-small", false), verdict -> {});

    assertEquals(Optional.empty(), usage.get(0).prompt(), "private by default");
    UsageMetric kept = usage.get(1);
    SealedSecret sealed = kept.prompt().orElseThrow();
    assertFalse(sealed.base64().contains("hello"));
    assertEquals(
        "user: hello", cipher.open(sealed, new SecretBinding(tenant, kept.id().value())).value());
    assertThrows(
        RuntimeException.class,
        () -> cipher.open(sealed, new SecretBinding(tenant, usage.get(0).id().value())),
        "bound to its own record");
  }

  /** Each read is a round trip to the shared change counter on a real node (ADR 0008). */
  @Test
  void a_call_reads_the_tenants_settings_once_however_many_of_its_parts_follow_them() {
    TenantId tenant = TenantId.random();
    credential(tenant, "sk-tenant-00000000");
    settings.save(
        new TenantSettings(tenant, true, CacheMode.DETERMINISTIC, Duration.ofHours(1), 90, true));
    String body = "{\"model\":\"s-small\",\"temperature\":0,\"messages\":[]}";

    proxy.complete(labelled(key(tenant, ApiKeyLimits.NONE), body, "alice@example.com"), v -> {});

    assertEquals(1, settingsReads.get(), "cache mode, prompt storage and end-user form alike");
    UsageMetric metric = usage.getFirst();
    assertTrue(metric.prompt().isPresent(), "prompt storage followed");
    assertEquals(Optional.of("alice@example.com"), metric.attribution().endUser());
  }

  @Test
  void equal_prompts_of_two_tenants_get_unrelated_fingerprints() {
    TenantId a = TenantId.random();
    TenantId b = TenantId.random();
    credential(a, "sk-tenant-a-0000000");
    credential(b, "sk-tenant-b-0000000");

    proxy.complete(ask(key(a, ApiKeyLimits.NONE), "s-small", false), verdict -> {});
    proxy.complete(ask(key(a, ApiKeyLimits.NONE), "s-small", false), verdict -> {});
    proxy.complete(ask(key(b, ApiKeyLimits.NONE), "s-small", false), verdict -> {});

    assertEquals(usage.get(0).fingerprint(), usage.get(1).fingerprint());
    assertNotEquals(usage.get(0).fingerprint(), usage.get(2).fingerprint());
  }

  @Test
  void an_upstream_failure_is_accounted_and_rethrown() {
    TenantId tenant = TenantId.random();
    credential(tenant, "sk-tenant-00000000");
    provider.failure = new RetriableUpstreamFailure("down", 503, null);

    assertThrows(
        RetriableUpstreamFailure.class,
        () -> proxy.complete(ask(key(tenant, ApiKeyLimits.NONE), "s-small", false), verdict -> {}));
    assertEquals(UsageStatus.UPSTREAM_ERROR, usage.getFirst().status());
    assertEquals(0, usage.getFirst().tokens().total());
  }

  @Test
  void a_stream_the_client_leaves_is_accounted_as_client_closed_with_tokens_so_far() {
    TenantId tenant = TenantId.random();
    credential(tenant, "sk-tenant-00000000");
    List<String> received = new ArrayList<>();

    proxy.stream(
        ask(key(tenant, ApiKeyLimits.NONE), "s-small", true),
        new TestStreamClient(
            json -> {
              received.add(json);
              return received.size() < 2;
            }));

    UsageMetric metric = usage.getFirst();
    assertEquals(UsageStatus.CLIENT_CLOSED, metric.status());
    assertTrue(metric.stream());
    assertTrue(metric.estimated());
    assertEquals(1, metric.tokens().output());
    assertFalse(received.isEmpty());
  }

  private static ApiKeyLimits budget(long micros) {
    return new ApiKeyLimits(OptionalInt.empty(), Optional.of(new MicroDollars(micros)), Set.of());
  }

  private MicroDollars held(ApiKey key) {
    return ledger.held(
        names.name("spend:key:", key.id().value()), CalendarMonth.of(clock.instant()));
  }

  private MicroDollars spent(ApiKey key) {
    return ledger.spent(
        names.name("spend:key:", key.id().value()), CalendarMonth.of(clock.instant()));
  }

  @Test
  void a_successful_call_settles_its_hold_to_the_real_cost() {
    TenantId tenant = TenantId.random();
    credential(tenant, "sk-tenant-00000000");
    ApiKey key = key(tenant, budget(1_000_000));

    proxy.complete(ask(key, "s-small", false), verdict -> {});

    assertEquals(new MicroDollars(100), spent(key), "the cost the usage record shows");
    assertEquals(usage.getFirst().cost(), spent(key));
    assertEquals(MicroDollars.ZERO, held(key));
  }

  @Test
  void a_failed_call_settles_to_nothing() {
    TenantId tenant = TenantId.random();
    credential(tenant, "sk-tenant-00000000");
    ApiKey key = key(tenant, budget(1_000_000));
    provider.failure = new RetriableUpstreamFailure("down", 503, null);

    assertThrows(
        RetriableUpstreamFailure.class,
        () -> proxy.complete(ask(key, "s-small", true), verdict -> {}));

    assertEquals(MicroDollars.ZERO, spent(key));
    assertEquals(MicroDollars.ZERO, held(key));
    assertEquals(1, ledger.settlements().size());
  }

  @Test
  void a_stream_the_client_leaves_settles_to_the_tokens_so_far() {
    TenantId tenant = TenantId.random();
    credential(tenant, "sk-tenant-00000000");
    ApiKey key = key(tenant, budget(1_000_000));

    proxy.stream(ask(key, "s-small", true), new TestStreamClient(json -> false));

    assertEquals(usage.getFirst().cost(), spent(key));
    assertEquals(MicroDollars.ZERO, held(key));
  }

  @Test
  void a_call_refused_before_the_provider_gives_its_hold_back() {
    ApiKey key = key(TenantId.random(), budget(1_000_000));

    assertThrows(
        MissingProviderCredential.class,
        () -> proxy.complete(ask(key, "s-small", false), verdict -> {}));

    assertEquals(MicroDollars.ZERO, held(key));
    assertEquals(MicroDollars.ZERO, spent(key));
  }

  @Test
  void a_key_whose_budget_is_spent_gets_budget_exceeded_and_no_provider_call() {
    TenantId tenant = TenantId.random();
    credential(tenant, "sk-tenant-00000000");
    // Room for exactly one call's worst case; the first call's real cost leaves less than that.
    long oneCall = WorstCaseCost.of("{\"model\":\"s-small\"}", ScriptedProvider.PRICE).value();
    ApiKey key = key(tenant, budget(oneCall));
    proxy.complete(ask(key, "s-small", false), verdict -> {});

    LimitExceeded refused =
        assertThrows(
            LimitExceeded.class, () -> proxy.complete(ask(key, "s-small", false), verdict -> {}));

    assertEquals("budget_exceeded", refused.code());
    assertEquals(Duration.ofDays(1).plusHours(14), refused.retryAfter());
    assertEquals(1, provider.calls.size());
  }

  private static ChatCommand labelled(ApiKey key, String body, String user) {
    return new ChatCommand(
        key,
        "s-small",
        body,
        false,
        false,
        "user: hello",
        CacheDirectives.DEFAULT,
        new CallLabels(UsageTags.parse("feature=search"), Optional.of(user), ""));
  }

  @Test
  void a_record_names_the_credential_tags_hashed_end_user_cap_finish_and_digest() {
    TenantId tenant = TenantId.random();
    credential(tenant, "sk-alice-000000000");
    CredentialId stored = credentials.findForProvider(tenant, SCRIPTED).get().id();
    String body = "{\"model\":\"s-small\",\"max_tokens\":300,\"messages\":[]}";

    proxy.complete(labelled(key(tenant, ApiKeyLimits.NONE), body, "alice@example.com"), v -> {});

    UsageAttribution attribution = usage.getFirst().attribution();
    assertEquals(Optional.of(stored), attribution.credential());
    assertEquals(Map.of("feature", "search"), attribution.tags().asMap());
    assertTrue(attribution.endUser().get().matches("[0-9a-f]{32}"), "hashed, not the plain id");
    assertEquals(300, attribution.maxTokens());
    assertEquals(Optional.of("stop"), attribution.finishReason());
    // The cache is off by default: the digest is there all the same, for the shadow cache.
    assertTrue(attribution.requestDigest().get().matches("[0-9a-f]{64}"));
  }

  @Test
  void the_same_request_twice_has_one_digest_and_another_tenants_has_another() {
    TenantId alice = TenantId.random();
    TenantId bob = TenantId.random();
    credential(alice, "sk-alice-000000000");
    credential(bob, "sk-bob-11111111111");
    String body = "{\"model\":\"s-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    proxy.complete(labelled(key(alice, ApiKeyLimits.NONE), body, "u1"), v -> {});
    proxy.complete(labelled(key(alice, ApiKeyLimits.NONE), body, "u1"), v -> {});
    proxy.complete(labelled(key(bob, ApiKeyLimits.NONE), body, "u1"), v -> {});

    List<UsageAttribution> seen = usage.stream().map(UsageMetric::attribution).toList();
    assertEquals(seen.get(0).requestDigest(), seen.get(1).requestDigest());
    assertNotEquals(seen.get(0).requestDigest(), seen.get(2).requestDigest());
    assertNotEquals(seen.get(0).endUser(), seen.get(2).endUser());
  }

  @Test
  void a_failed_call_records_the_providers_status() {
    TenantId tenant = TenantId.random();
    credential(tenant, "sk-alice-000000000");
    provider.failure = new NonRetriableUpstreamFailure("Scripted: 401 bad key", 401, null);

    assertThrows(
        NonRetriableUpstreamFailure.class,
        () -> proxy.complete(ask(key(tenant, ApiKeyLimits.NONE), "s-small", false), v -> {}));

    assertEquals(UsageStatus.UPSTREAM_ERROR, usage.getFirst().status());
    assertEquals(401, usage.getFirst().attribution().upstreamStatus());
    assertEquals(Optional.empty(), usage.getFirst().attribution().finishReason());
  }
}
