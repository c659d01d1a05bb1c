package io.killtoken.application.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.application.testing.TestClock;
import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.credential.Credential;
import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.credential.InMemoryCredentialRepository;
import io.killtoken.domain.fingerprint.PromptFingerprint;
import io.killtoken.domain.fingerprint.PromptPrefix;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ChatAnswer;
import io.killtoken.domain.provider.ChatCall;
import io.killtoken.domain.provider.ChunkSink;
import io.killtoken.domain.provider.LlmProvider;
import io.killtoken.domain.provider.ModelPrice;
import io.killtoken.domain.provider.PriceList;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.provider.StreamOutcome;
import io.killtoken.domain.secret.SealedSecret;
import io.killtoken.domain.settings.InMemorySettingsRepository;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.CacheResult;
import io.killtoken.domain.usage.InMemoryUsageStore;
import io.killtoken.domain.usage.TokenUsage;
import io.killtoken.domain.usage.UsageAttribution;
import io.killtoken.domain.usage.UsageId;
import io.killtoken.domain.usage.UsageMetric;
import io.killtoken.domain.usage.UsageStatus;
import io.killtoken.domain.usage.UsageTags;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Insights built from records with known waste: each names what it found and the dollars, and a
 * second tenant's records never show in the first one's.
 */
class FindInsightsTest {

  private static final ProviderId ACME = new ProviderId("acme");
  private static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");
  // 30 days ending now: the monthly saving is the range's own.
  private static final Optional<Instant> FROM = Optional.of(NOW.minus(Duration.ofDays(30)));
  private static final Optional<Instant> TO = Optional.of(NOW);

  /** big: $10 in / $30 out per million tokens; small: $1 / $3. */
  private static final ModelPrice BIG =
      new ModelPrice(
          MicroDollars.ofDollars(10), MicroDollars.ofDollars(5), MicroDollars.ofDollars(30));

  private static final ModelPrice SMALL =
      new ModelPrice(
          MicroDollars.ofDollars(1), new MicroDollars(500_000), MicroDollars.ofDollars(3));

  private final InMemoryUsageStore usage = new InMemoryUsageStore();
  private final InMemorySettingsRepository settings = new InMemorySettingsRepository();
  private final InMemoryCredentialRepository credentials = new InMemoryCredentialRepository();
  private final FindInsights insights =
      new FindInsights(
          usage, settings, credentials, List.of(new Catalog()), PriceList.NONE, new TestClock(NOW));
  private final TenantId tenant = TenantId.random();
  private final CredentialId credential = CredentialId.random();

  private UsageMetric call(
      String model, TokenUsage tokens, UsageStatus status, UsageAttribution attribution, int i) {
    ModelPrice price = model.equals("big") ? BIG : SMALL;
    return new UsageMetric(
            UsageId.random(),
            tenant,
            new ApiKeyId("key_insights_1"),
            ACME,
            model,
            tokens,
            price.cost(tokens),
            Duration.ofMillis(100),
            Duration.ofMillis(90),
            status,
            status == UsageStatus.CLIENT_CLOSED,
            CacheResult.BYPASS,
            new PromptFingerprint("f".repeat(64)),
            false,
            TokenUsage.NONE,
            MicroDollars.ZERO,
            NOW.minus(Duration.ofDays(2)).plus(Duration.ofMinutes(i)))
        .with(attribution);
  }

  private static UsageAttribution attributed(
      CredentialId credential, String digest, String finish, long maxTokens, int status) {
    return new UsageAttribution(
        Optional.of(credential),
        Optional.ofNullable(finish),
        Optional.ofNullable(digest),
        UsageTags.NONE,
        Optional.empty(),
        maxTokens,
        status,
        Optional.empty());
  }

  private Map<String, Insight> found() {
    return insights.find(tenant, FROM, TO).insights().stream()
        .collect(Collectors.toMap(Insight::kind, insight -> insight, (a, b) -> a));
  }

  @Test
  void repeats_answered_upstream_show_what_a_cache_would_have_saved_with_the_cache_off() {
    // 10 calls of one request a minute apart: the 9 after the first are 24 h repeats.
    for (int i = 0; i < 10; i++) {
      usage.record(
          call(
              "small",
              new TokenUsage(1_000, 100, 0),
              UsageStatus.OK,
              attributed(credential, "a".repeat(64), "stop", 0, 0),
              i));
    }

    Insight shadow = found().get("shadow_cache");
    // Each call: 1,000 × $1/M + 100 × $3/M = $0.0013.
    assertEquals(new MicroDollars(9 * 1_300), shadow.monthlySaving());
    assertEquals(9L, shadow.evidence().get("repeats_day"));
    assertEquals(10L, shadow.evidence().get("upstream_calls"));
    assertTrue(shadow.change().contains("\"cache_mode\":\"all\""), shadow.change());
  }

  @Test
  void an_expensive_model_doing_small_jobs_shows_the_saving_at_its_providers_cheapest() {
    for (int i = 0; i < 20; i++) {
      usage.record(
          call(
              "big",
              new TokenUsage(200, 50, 0),
              UsageStatus.OK,
              attributed(credential, null, "stop", 0, 0),
              i));
    }

    Insight expensive = found().get("expensive_model_for_small_jobs");
    // At big: 20 × (200 × $10/M + 50 × $30/M) = $0.07; at small: 20 × (200 × $1/M + 50 × $3/M).
    assertEquals(new MicroDollars(70_000), expensive.evidence().get("cost_usd"));
    assertEquals(new MicroDollars(7_000), expensive.evidence().get("cost_at_cheaper_model_usd"));
    assertEquals(new MicroDollars(63_000), expensive.monthlySaving());
    assertEquals("acme/small", expensive.evidence().get("cheaper_model"));
  }

  @Test
  void cut_off_answers_oversized_caps_abandoned_streams_errors_and_estimates_are_named() {
    for (int i = 0; i < 10; i++) {
      usage.record(
          call(
              "small",
              new TokenUsage(100, 40, 0),
              UsageStatus.OK,
              attributed(credential, null, i < 3 ? "length" : "stop", 4_000, 0),
              i));
    }
    usage.record(
        call(
            "small",
            new TokenUsage(100, 500, 0),
            UsageStatus.CLIENT_CLOSED,
            attributed(credential, null, null, 0, 0),
            20));
    usage.record(
        call(
            "small",
            TokenUsage.NONE,
            UsageStatus.UPSTREAM_ERROR,
            attributed(credential, null, null, 0, 429),
            21));

    Map<String, Insight> found = found();
    Insight cutOff = found.get("cut_off_answers");
    assertEquals(3L, cutOff.evidence().get("cut_off"));
    // 3 of the 10 calls' $0.00022 each.
    assertEquals(new MicroDollars(3 * 220), cutOff.monthlySaving());
    assertEquals(4_000L, found.get("max_tokens_above_use").evidence().get("average_max_tokens"));
    assertEquals(40L, found.get("max_tokens_above_use").evidence().get("average_output_tokens"));
    // 100 × $1/M + 500 × $3/M = $0.0016 billed after the client left.
    assertEquals(new MicroDollars(1_600), found.get("abandoned_streams").monthlySaving());
    assertEquals(1L, found.get("error_and_retry_spend").evidence().get("throttled_429"));
  }

  @Test
  void a_long_prefix_sent_again_and_again_shows_what_prompt_caching_would_cut() {
    UsageAttribution withPrefix =
        new UsageAttribution(
            Optional.of(credential),
            Optional.of("stop"),
            Optional.empty(),
            UsageTags.NONE,
            Optional.empty(),
            0,
            0,
            Optional.of(new PromptPrefix("c".repeat(32), 2_000)));
    UsageAttribution twice =
        new UsageAttribution(
            Optional.of(credential),
            Optional.of("stop"),
            Optional.empty(),
            UsageTags.NONE,
            Optional.empty(),
            0,
            0,
            Optional.of(new PromptPrefix("d".repeat(32), 5_000)));
    for (int i = 0; i < 10; i++) {
      // The provider already served 1,000 of the prefix's tokens from its cache once.
      TokenUsage tokens = new TokenUsage(2_500, 10, i == 5 ? 1_000 : 0);
      usage.record(call("big", tokens, UsageStatus.OK, withPrefix, i));
    }
    for (int i = 0; i < 2; i++) {
      usage.record(call("big", new TokenUsage(5_500, 10, 0), UsageStatus.OK, twice, 20 + i));
    }

    Insight prefixes = found().get("repeated_prefixes");
    // 9 repeats × 2,000 tokens, less the 1,000 already cached, at $10 − $5 per million.
    assertEquals(new MicroDollars(17_000 * 5), prefixes.monthlySaving());
    assertEquals(1, prefixes.evidence().get("prefixes"), "two calls are not yet a repeat pattern");
    assertEquals(17_000L, prefixes.evidence().get("cacheable_input_tokens"));
    assertEquals(1_000L, prefixes.evidence().get("cached_input_tokens"));
    assertTrue(prefixes.change().contains("byte-identical"), prefixes.change());
    assertTrue(prefixes.found().contains("10 calls"), prefixes.found());
  }

  @Test
  void credential_health_shows_a_refused_key_and_an_unused_one() {
    Credential dead = stored("dead", NOW.minus(Duration.ofDays(40)));
    Credential idle = stored("idle", NOW.minus(Duration.ofDays(3)));
    usage.record(
        call(
            "small",
            TokenUsage.NONE,
            UsageStatus.UPSTREAM_ERROR,
            attributed(dead.id(), null, null, 0, 401),
            1));

    Map<String, CredentialHealth> health =
        insights.find(tenant, FROM, TO).credentials().stream()
            .collect(Collectors.toMap(CredentialHealth::label, h -> h));
    assertEquals("refused", health.get("dead").verdict());
    assertEquals(1, health.get("dead").refused());
    assertEquals(40, health.get("dead").daysSinceRotation());
    assertEquals("unused", health.get("idle").verdict());
  }

  @Test
  void another_tenant_sees_no_insight_from_the_first_ones_records() {
    for (int i = 0; i < 20; i++) {
      usage.record(
          call(
              "big",
              new TokenUsage(200, 50, 0),
              UsageStatus.OK,
              attributed(credential, "b".repeat(64), "length", 0, 0),
              i));
    }
    Insights theirs = insights.find(TenantId.random(), FROM, TO);
    assertTrue(theirs.insights().isEmpty(), theirs.toString());
    assertTrue(theirs.credentials().isEmpty(), theirs.toString());
  }

  private Credential stored(String label, Instant rotated) {
    Credential credential =
        new Credential(
            CredentialId.random(),
            tenant,
            ACME,
            label,
            new SealedSecret("c2VhbGVk"),
            "sk-…",
            rotated,
            rotated);
    credentials.save(credential);
    return credential;
  }

  /** A provider with a big and a small chat model and an embeddings model without output price. */
  private static final class Catalog implements LlmProvider {
    @Override
    public ProviderId id() {
      return ACME;
    }

    @Override
    public boolean servesModel(String model) {
      return true;
    }

    @Override
    public List<String> models() {
      return List.of("big", "small", "embed");
    }

    @Override
    public Optional<ModelPrice> price(String model) {
      return switch (model) {
        case "big" -> Optional.of(BIG);
        case "small" -> Optional.of(SMALL);
        default ->
            Optional.of(
                new ModelPrice(new MicroDollars(10_000), MicroDollars.ZERO, MicroDollars.ZERO));
      };
    }

    @Override
    public ChatAnswer chat(ChatCall call) {
      throw new UnsupportedOperationException();
    }

    @Override
    public StreamOutcome stream(ChatCall call, ChunkSink sink) {
      throw new UnsupportedOperationException();
    }
  }
}
