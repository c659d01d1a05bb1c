package io.killtoken.domain.usage;

import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;

/**
 * Port: removes usage past its retention, always within one tenant (but for the shadow cache's
 * entries, which expire by age alone). Each call is idempotent, so every node may run it.
 */
public interface UsageRetention {

  /** Deletes the tenant's records (and the prompts sealed in them) older than {@code cutoff}. */
  long deleteRecordsBefore(TenantId tenant, Instant cutoff);

  /** Deletes the tenant's rollups, plain and facet, that start before {@code cutoff}. */
  long deleteRollupsBefore(TenantId tenant, Instant cutoff);

  /** Deletes the shadow cache entries no window has stored since {@code cutoff}, every tenant's. */
  long deleteShadowBefore(Instant cutoff);

  /** Deletes everything the tenant's usage left: records, rollups and shadow entries. */
  long deleteAllOf(TenantId tenant);
}
