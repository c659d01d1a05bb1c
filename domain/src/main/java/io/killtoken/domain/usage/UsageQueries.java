package io.killtoken.domain.usage;

import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * Port: reads what the {@link UsageSink} stored, always within one tenant — the rollups it keeps
 * for summaries, and the raw records for drill-down.
 */
public interface UsageQueries {

  /** The tenant's rollups of {@code grain} starting in {@code [from, to)} that match the filter. */
  List<UsageRollup> rollups(
      TenantId tenant, RollupGrain grain, Instant from, Instant to, UsageFilter filter);

  /**
   * The tenant's records in {@code [from, to)} matching the filter, newest first (records of the
   * same millisecond by descending id), one page; the cursor is opaque.
   *
   * @throws io.killtoken.domain.error.InvalidRequest when the cursor is not one this returned
   */
  Page<UsageMetric> records(
      TenantId tenant, Instant from, Instant to, UsageFilter filter, PageRequest page);
}
