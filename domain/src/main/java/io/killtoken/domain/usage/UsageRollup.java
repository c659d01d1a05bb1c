package io.killtoken.domain.usage;

import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The calls of one tenant in one hour or day that share a key, credential, provider, model, status
 * and cache result (and, for a facet rollup, one tag value or end user), added up. The usage sink
 * maintains them as it stores the records, so a summary reads a few rollups instead of every
 * record.
 *
 * @param facet empty for the plain rollup every call counts in; a tag value or end user otherwise
 */
public record UsageRollup(
    TenantId tenantId,
    RollupGrain grain,
    Instant start,
    ApiKeyId apiKeyId,
    Optional<CredentialId> credential,
    ProviderId provider,
    String model,
    UsageStatus status,
    CacheResult cache,
    Optional<UsageFacet> facet,
    UsageTotals totals) {

  public UsageRollup {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(grain, "grain");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(apiKeyId, "apiKeyId");
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(facet, "facet");
    Objects.requireNonNull(totals, "totals");
    if (!grain.start(start).equals(start)) {
      throw new IllegalArgumentException("a rollup starts at the start of its " + grain);
    }
  }

  /** The one call as a plain rollup of the span it happened in. */
  public static UsageRollup of(UsageMetric metric, RollupGrain grain) {
    return of(metric, grain, Optional.empty(), UsageTotals.of(metric));
  }

  /** The one call as every rollup of the span it counts in: the plain one, then its facets'. */
  public static List<UsageRollup> all(UsageMetric metric, RollupGrain grain, UsageTotals totals) {
    List<UsageRollup> all = new ArrayList<>();
    all.add(of(metric, grain, Optional.empty(), totals));
    for (UsageFacet facet : UsageFacet.of(metric.attribution())) {
      all.add(of(metric, grain, Optional.of(facet), totals));
    }
    return all;
  }

  private static UsageRollup of(
      UsageMetric metric, RollupGrain grain, Optional<UsageFacet> facet, UsageTotals totals) {
    return new UsageRollup(
        metric.tenantId(),
        grain,
        grain.start(metric.occurredAt()),
        metric.apiKeyId(),
        metric.attribution().credential(),
        metric.provider(),
        metric.model(),
        metric.status(),
        metric.cache(),
        facet,
        totals);
  }

  /** This rollup with {@code more} calls added. */
  public UsageRollup plus(UsageTotals more) {
    return new UsageRollup(
        tenantId,
        grain,
        start,
        apiKeyId,
        credential,
        provider,
        model,
        status,
        cache,
        facet,
        totals.plus(more));
  }
}
