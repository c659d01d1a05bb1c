package io.killtoken.domain.usage;

import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The usage sink and its queries in memory, for tests: records kept as given, rollups maintained as
 * each record arrives, as the real sink does in its flush.
 */
public final class InMemoryUsageStore implements UsageSink, UsageQueries {

  private static final Comparator<UsageMetric> NEWEST_FIRST =
      Comparator.comparing((UsageMetric m) -> m.occurredAt().toEpochMilli())
          .thenComparing(m -> m.id().value())
          .reversed();

  private final List<UsageMetric> records = new ArrayList<>();
  private final List<UsageRollup> rollups = new ArrayList<>();

  @Override
  public synchronized void record(UsageMetric metric) {
    records.add(metric);
    for (RollupGrain grain : RollupGrain.values()) {
      add(UsageRollup.of(metric, grain));
    }
  }

  private void add(UsageRollup one) {
    for (int i = 0; i < rollups.size(); i++) {
      if (rollups.get(i).sameBucket(one)) {
        rollups.set(i, rollups.get(i).plus(one.totals()));
        return;
      }
    }
    rollups.add(one);
  }

  @Override
  public synchronized List<UsageRollup> rollups(
      TenantId tenant, RollupGrain grain, Instant from, Instant to, UsageFilter filter) {
    return rollups.stream()
        .filter(r -> r.tenantId().equals(tenant) && r.grain() == grain)
        .filter(r -> !r.start().isBefore(from) && r.start().isBefore(to))
        .filter(filter::matches)
        .toList();
  }

  @Override
  public synchronized Page<UsageMetric> records(
      TenantId tenant, Instant from, Instant to, UsageFilter filter, PageRequest page) {
    var after = page.after().map(UsageCursor::parse);
    List<UsageMetric> found =
        records.stream()
            .filter(m -> m.tenantId().equals(tenant))
            .filter(m -> !m.occurredAt().isBefore(from) && m.occurredAt().isBefore(to))
            .filter(filter::matches)
            .filter(m -> after.map(cursor -> cursor.precedes(m)).orElse(true))
            .sorted(NEWEST_FIRST)
            .limit(page.limit() + 1L)
            .toList();
    return Page.of(found, page.limit(), m -> UsageCursor.after(m).token());
  }
}
