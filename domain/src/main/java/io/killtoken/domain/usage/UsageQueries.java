package io.killtoken.domain.usage;

import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Port: reads what the {@link UsageSink} stored, always within one tenant — the rollups it keeps
 * for summaries, and the raw records for drill-down.
 */
public interface UsageQueries {

  /**
   * The tenant's plain rollups of {@code grain} starting in {@code [from, to)} matching the filter.
   */
  default List<UsageRollup> rollups(
      TenantId tenant, RollupGrain grain, Instant from, Instant to, UsageFilter filter) {
    return rollups(tenant, grain, from, to, filter, Optional.empty());
  }

  /**
   * The tenant's rollups of {@code grain} starting in {@code [from, to)} matching the filter: the
   * plain ones when {@code facetKind} is empty, else those of that facet kind ({@code user}, {@code
   * tag:feature}, …) — one per value.
   */
  List<UsageRollup> rollups(
      TenantId tenant,
      RollupGrain grain,
      Instant from,
      Instant to,
      UsageFilter filter,
      Optional<String> facetKind);

  /**
   * The tenant's records in {@code [from, to)} matching the filter, newest first (records of the
   * same millisecond by descending id), one page; the cursor is opaque.
   *
   * @throws io.killtoken.domain.error.InvalidRequest when the cursor is not one this returned
   */
  Page<UsageMetric> records(
      TenantId tenant, Instant from, Instant to, UsageFilter filter, PageRequest page);

  /**
   * Hands the tenant's records in {@code [from, to)} matching the filter to {@code each}, oldest
   * first, as a database cursor reads them: however many there are, only a batch is in memory.
   */
  void each(
      TenantId tenant, Instant from, Instant to, UsageFilter filter, Consumer<UsageMetric> each);
}
