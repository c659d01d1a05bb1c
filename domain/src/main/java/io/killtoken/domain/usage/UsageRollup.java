package io.killtoken.domain.usage;

import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * The calls of one tenant in one hour or day that share a key, provider, model, status and cache
 * result, added up. The usage sink maintains them as it stores the records, so a summary reads a
 * few rollups instead of every record.
 */
public record UsageRollup(
    TenantId tenantId,
    RollupGrain grain,
    Instant start,
    ApiKeyId apiKeyId,
    ProviderId provider,
    String model,
    UsageStatus status,
    CacheResult cache,
    UsageTotals totals) {

  public UsageRollup {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(grain, "grain");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(apiKeyId, "apiKeyId");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(totals, "totals");
    if (!grain.start(start).equals(start)) {
      throw new IllegalArgumentException("a rollup starts at the start of its " + grain);
    }
  }

  /** The one call as a rollup of the span it happened in. */
  public static UsageRollup of(UsageMetric metric, RollupGrain grain) {
    return new UsageRollup(
        metric.tenantId(),
        grain,
        grain.start(metric.occurredAt()),
        metric.apiKeyId(),
        metric.provider(),
        metric.model(),
        metric.status(),
        metric.cache(),
        UsageTotals.of(metric));
  }

  /** This rollup with {@code more} calls added. */
  public UsageRollup plus(UsageTotals more) {
    return new UsageRollup(
        tenantId, grain, start, apiKeyId, provider, model, status, cache, totals.plus(more));
  }
}
