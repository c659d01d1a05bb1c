package io.killtoken.domain.usage;

import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.fingerprint.PromptFingerprint;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.SealedSecret;
import io.killtoken.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One gateway call as accounted: who, which model, tokens, cost, latency, outcome. Holds a prompt
 * fingerprint, never prompt text.
 *
 * @param estimated true when the provider reported no usage and the tokens were counted by
 *     KillToken
 * @param saved tokens a cache hit did not spend; zero for a miss
 * @param savedCost dollars a cache hit did not spend
 * @param prompt the prompt text sealed like a credential (bound to tenant and record id), only when
 *     the tenant turned prompt storage on; empty otherwise
 * @param attribution credential, tags, end user and the signals the insights read
 */
public record UsageMetric(
    UsageId id,
    TenantId tenantId,
    ApiKeyId apiKeyId,
    ProviderId provider,
    String model,
    TokenUsage tokens,
    MicroDollars cost,
    Duration latency,
    Duration upstreamLatency,
    UsageStatus status,
    boolean stream,
    CacheResult cache,
    PromptFingerprint fingerprint,
    boolean estimated,
    TokenUsage saved,
    MicroDollars savedCost,
    Instant occurredAt,
    Optional<SealedSecret> prompt,
    UsageAttribution attribution) {

  public UsageMetric {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(apiKeyId, "apiKeyId");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(upstreamLatency, "upstreamLatency");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(saved, "saved");
    Objects.requireNonNull(savedCost, "savedCost");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(attribution, "attribution");
    if (cache == CacheResult.HIT && tokens.total() != 0) {
      throw new IllegalArgumentException("a cache hit bills no tokens");
    }
  }

  /** A record without a stored prompt (prompt storage off, the default). */
  public UsageMetric(
      UsageId id,
      TenantId tenantId,
      ApiKeyId apiKeyId,
      ProviderId provider,
      String model,
      TokenUsage tokens,
      MicroDollars cost,
      Duration latency,
      Duration upstreamLatency,
      UsageStatus status,
      boolean stream,
      CacheResult cache,
      PromptFingerprint fingerprint,
      boolean estimated,
      TokenUsage saved,
      MicroDollars savedCost,
      Instant occurredAt) {
    this(
        id,
        tenantId,
        apiKeyId,
        provider,
        model,
        tokens,
        cost,
        latency,
        upstreamLatency,
        status,
        stream,
        cache,
        fingerprint,
        estimated,
        saved,
        savedCost,
        occurredAt,
        Optional.empty(),
        UsageAttribution.NONE);
  }

  /** This record with its attribution. */
  public UsageMetric with(UsageAttribution attribution) {
    return new UsageMetric(
        id,
        tenantId,
        apiKeyId,
        provider,
        model,
        tokens,
        cost,
        latency,
        upstreamLatency,
        status,
        stream,
        cache,
        fingerprint,
        estimated,
        saved,
        savedCost,
        occurredAt,
        prompt,
        attribution);
  }
}
