package io.killtoken.adapters.mongo.usage;

import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.fingerprint.PromptFingerprint;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.CacheResult;
import io.killtoken.domain.usage.TokenUsage;
import io.killtoken.domain.usage.UsageId;
import io.killtoken.domain.usage.UsageMetric;
import io.killtoken.domain.usage.UsageStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Usage records for the tests, with values that fit the stored precision (milliseconds). */
final class SampleUsage {

  static final Instant NOON = Instant.parse("2026-03-01T12:00:00.123Z");

  // One tenant and key for the many records of any(): they share a rollup per grain, as most of
  // a real batch does, instead of each costing its own upserts.
  private static final TenantId ANY_TENANT = TenantId.random();
  private static final ApiKeyId ANY_KEY = ApiKeyId.random();

  private SampleUsage() {}

  /** A streamed call that missed the cache, with every number distinct so a mix-up shows. */
  static UsageMetric miss(TenantId tenant, Instant at) {
    return miss(tenant, ApiKeyId.random(), at);
  }

  private static UsageMetric miss(TenantId tenant, ApiKeyId key, Instant at) {
    return new UsageMetric(
        UsageId.random(),
        tenant,
        key,
        new ProviderId("openai"),
        "gpt-4o-mini",
        new TokenUsage(1_200, 345, 1_024),
        new MicroDollars(9_876_543_210L),
        Duration.ofMillis(812),
        Duration.ofMillis(790),
        UsageStatus.CLIENT_CLOSED,
        true,
        CacheResult.MISS,
        fingerprint(),
        true,
        TokenUsage.NONE,
        MicroDollars.ZERO,
        at);
  }

  /** A cache hit: nothing billed, tokens and dollars saved. */
  static UsageMetric hit(TenantId tenant, Instant at) {
    return new UsageMetric(
        UsageId.random(),
        tenant,
        ApiKeyId.random(),
        new ProviderId("anthropic"),
        "claude-sonnet-4-5",
        TokenUsage.NONE,
        MicroDollars.ZERO,
        Duration.ofMillis(3),
        Duration.ZERO,
        UsageStatus.OK,
        false,
        CacheResult.HIT,
        fingerprint(),
        false,
        new TokenUsage(5_000_000_000L, 77, 12),
        new MicroDollars(4_321),
        at);
  }

  /** A miss of one shared tenant and key at noon, with its own id. */
  static UsageMetric any() {
    return miss(ANY_TENANT, ANY_KEY, NOON);
  }

  private static PromptFingerprint fingerprint() {
    byte[] bytes = new byte[32];
    ThreadLocalRandom.current().nextBytes(bytes);
    return new PromptFingerprint(HexFormat.of().formatHex(bytes));
  }
}
