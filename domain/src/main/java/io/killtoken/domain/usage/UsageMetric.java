package io.killtoken.domain.usage;

import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.fingerprint.PromptFingerprint;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One gateway call as accounted: who, which model, tokens, cost, latency, outcome. Holds a prompt
 * fingerprint, never prompt text.
 *
 * @param estimated true when the provider reported no usage and the tokens were counted by
 *     KillToken
 * @param saved tokens a cache hit did not spend; zero for a miss
 * @param savedCost dollars a cache hit did not spend
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
    Instant occurredAt) {

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
    if (cache == CacheResult.HIT && tokens.total() != 0) {
      throw new IllegalArgumentException("a cache hit bills no tokens");
    }
  }
}
