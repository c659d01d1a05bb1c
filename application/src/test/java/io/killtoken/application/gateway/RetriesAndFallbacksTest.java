package io.killtoken.application.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.killtoken.domain.error.NonRetriableUpstreamFailure;
import io.killtoken.domain.error.RetriableUpstreamFailure;
import io.killtoken.domain.fingerprint.FingerprintKeys;
import io.killtoken.domain.limit.CounterNames;
import io.killtoken.domain.limit.RecordingSpendLedger;
import io.killtoken.domain.provider.PriceList;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.BindingCheckingCipher;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.secret.SecretBinding;
import io.killtoken.domain.tenant.InMemoryTenantRepository;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.UsageMetric;
import io.killtoken.domain.usage.UsageStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RetriesAndFallbacksTest {

  private static final RetriableUpstreamFailure DOWN =
      new RetriableUpstreamFailure("Scripted: 503 down", 503, null);

  private final ScriptedProvider primary = new ScriptedProvider();
  private final ScriptedProvider backup = new ScriptedProvider("backup", "b-");
  private final InMemoryCredentialRepository credentials = new InMemoryCredentialRepository();
  private final BindingCheckingCipher cipher = new BindingCheckingCipher();
  private final List<UsageMetric> usage = new CopyOnWriteArrayList<>();
  private final List<Duration> pauses = new CopyOnWriteArrayList<>();
  private final TestClock clock = new TestClock(Instant.parse("2026-11-29T10:00:00Z"));
  private final TenantId tenant = TenantId.random();
  private final ProxyChatCompletion proxy =
      new ProxyChatCompletion(
          new GatewayCalls(
              List.of(primary, backup),
              new StrictByok(credentials, cipher),
              new GatewayLimits(
                  new RecordingRateLimiter(),
                  new RecordingSpendLedger(clock),
                  new TenantPlans(new InMemoryTenantRepository(), PlanCatalog.DEFAULTS),
                  new CounterNames(new byte[32]),
                  clock),
              usage::add,
              new FingerprintKeys(new byte[32]),
              PriceList.NONE,
              new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(1)),
              pauses::add,
              RecordPrivacy.NEVER,
              clock),
          ChatCachingTest.caching(clock));

  @Test
  void a_retriable_failure_is_retried_with_backoff_and_the_answer_returned() {
    credential(primary.id());
    primary.upcoming.add(DOWN);
    primary.upcoming.add(DOWN);

    proxy.complete(ask(ApiKeyLimits.NONE, false), verdict -> {});

    assertEquals(3, primary.calls.size());
    assertEquals(2, pauses.size());
    assertEquals(
        List.of(UsageStatus.UPSTREAM_ERROR, UsageStatus.UPSTREAM_ERROR, UsageStatus.OK),
        statuses());
  }

  @Test
  void once_the_retries_are_used_up_the_last_failure_reaches_the_client() {
    credential(primary.id());
    primary.failure = DOWN;

    assertThrows(
        RetriableUpstreamFailure.class,
        () -> proxy.complete(ask(ApiKeyLimits.NONE, false), verdict -> {}));

    assertEquals(3, primary.calls.size(), "the first try and two retries");
    assertEquals(3, usage.size(), "every attempt is accounted");
  }

  @Test
  void the_upstreams_own_4xx_is_never_retried() {
    credential(primary.id());
    primary.failure = new NonRetriableUpstreamFailure("Scripted: 400 bad", 400, null);

    assertThrows(
        NonRetriableUpstreamFailure.class,
        () -> proxy.complete(ask(fallbacks("b-one"), false), verdict -> {}));

    assertEquals(1, primary.calls.size());
    assertTrue(backup.calls.isEmpty(), "a bad request is bad on every model");
  }

  @Test
  void a_retry_after_longer_than_the_backoff_allows_ends_the_retries_at_once() {
    credential(primary.id());
    primary.failure = new RetriableUpstreamFailure("Scripted: 429", 429, Duration.ofSeconds(60));

    RetriableUpstreamFailure failure =
        assertThrows(
            RetriableUpstreamFailure.class,
            () -> proxy.complete(ask(ApiKeyLimits.NONE, false), verdict -> {}));

    assertEquals(1, primary.calls.size());
    assertTrue(pauses.isEmpty());
    assertEquals(Optional.of(Duration.ofSeconds(60)), failure.retryAfter(), "kept for the client");
  }

  @Test
  void the_keys_fallback_model_answers_when_the_requested_one_keeps_failing() {
    credential(primary.id());
    credential(backup.id());
    primary.failure = DOWN;

    proxy.complete(ask(fallbacks("b-one"), false), verdict -> {});

    assertEquals(3, primary.calls.size());
    assertEquals(1, backup.calls.size());
    assertEquals("b-one", backup.calls.getFirst().model());
    assertEquals("sk-backup-0000000", backup.calls.getFirst().apiKey().value());
    UsageMetric last = usage.getLast();
    assertEquals(new ProviderId("backup"), last.provider());
    assertEquals(UsageStatus.OK, last.status());
  }

  @Test
  void a_fallback_the_tenant_holds_no_key_for_is_skipped_and_the_failure_stands() {
    credential(primary.id());
    primary.failure = DOWN;

    assertThrows(
        RetriableUpstreamFailure.class,
        () -> proxy.complete(ask(fallbacks("b-one"), false), verdict -> {}));

    assertTrue(backup.calls.isEmpty());
  }

  @Test
  void a_stream_that_failed_before_its_first_chunk_is_retried() {
    credential(primary.id());
    primary.upcoming.add(DOWN);
    List<String> received = new ArrayList<>();

    proxy.stream(ask(ApiKeyLimits.NONE, true), new TestStreamClient(json -> received.add(json)));

    assertEquals(2, primary.calls.size());
    assertEquals(3, received.size(), "the client sees one whole stream");
  }

  @Test
  void a_stream_that_failed_after_a_chunk_reached_the_client_is_never_retried_or_replaced() {
    credential(primary.id());
    credential(backup.id());
    primary.midStream = DOWN;
    List<String> received = new ArrayList<>();

    assertThrows(
        RetriableUpstreamFailure.class,
        () ->
            proxy.stream(
                ask(fallbacks("b-one"), true), new TestStreamClient(json -> received.add(json))));

    assertEquals(1, primary.calls.size());
    assertTrue(backup.calls.isEmpty());
    assertEquals(1, received.size());
  }

  private List<UsageStatus> statuses() {
    return usage.stream().map(UsageMetric::status).toList();
  }

  private static ApiKeyLimits fallbacks(String... models) {
    return new ApiKeyLimits(OptionalInt.empty(), Optional.empty(), Set.of(), List.of(models));
  }

  private ChatCommand ask(ApiKeyLimits limits, boolean stream) {
    ApiKey key =
        new ApiKey(
            ApiKeyId.random(),
            tenant,
            "app",
            new ApiKeyHash("a".repeat(64)),
            "kt_abcd…wxyz",
            Set.of(ApiKeyScope.GATEWAY),
            limits,
            Instant.EPOCH,
            Optional.empty());
    return new ChatCommand(key, "s-small", "{\"model\":\"s-small\"}", stream, false, "hi");
  }

  private void credential(ProviderId provider) {
    CredentialId id = CredentialId.random();
    String secret = "sk-" + provider.value() + "-0000000";
    credentials.save(
        new Credential(
            id,
            tenant,
            provider,
            "main",
            cipher.seal(new PlainSecret(secret), new SecretBinding(tenant, id.value())),
            "sk-…",
            Instant.EPOCH,
            Instant.EPOCH));
  }
}
