package io.killtoken.domain.usage;

import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The usage sink and its queries in memory, for tests: records kept as given, rollups maintained as
 * each record arrives, as the real sink does in its flush.
 */
public final class InMemoryUsageStore implements UsageSink, UsageQueries, UsageRetention {

  private static final Comparator<UsageMetric> NEWEST_FIRST =
      Comparator.comparing((UsageMetric m) -> m.occurredAt().toEpochMilli())
          .thenComparing(m -> m.id().value())
          .reversed();

  private final List<UsageMetric> records = new ArrayList<>();
  private final List<UsageRollup> rollups = new ArrayList<>();
  private final Map<String, ShadowEntries> shadow = new HashMap<>();

  @Override
  public synchronized void record(UsageMetric metric) {
    records.add(metric);
    ShadowCache repeats = ShadowCache.ZERO;
    if (ShadowEntries.takesPart(metric)) {
      String digest = metric.tenantId().value() + "|" + metric.attribution().requestDigest().get();
      ShadowEntries.Step step = shadow.getOrDefault(digest, ShadowEntries.NONE).next(metric);
      shadow.put(digest, step.after());
      repeats = step.repeats();
    }
    UsageTotals totals = UsageTotals.of(metric, repeats);
    for (RollupGrain grain : RollupGrain.values()) {
      UsageRollup.all(metric, grain, totals).forEach(this::add);
    }
  }

  private void add(UsageRollup one) {
    for (int i = 0; i < rollups.size(); i++) {
      if (sameBucket(rollups.get(i), one)) {
        rollups.set(i, rollups.get(i).plus(one.totals()));
        return;
      }
    }
    rollups.add(one);
  }

  @Override
  public synchronized List<UsageRollup> rollups(
      TenantId tenant,
      RollupGrain grain,
      Instant from,
      Instant to,
      UsageFilter filter,
      Optional<String> facetKind) {
    return rollups.stream()
        .filter(r -> r.tenantId().equals(tenant) && r.grain() == grain)
        .filter(r -> r.facet().map(UsageFacet::kind).equals(facetKind))
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
            .filter(m -> after.map(cursor -> comesAfter(cursor, m)).orElse(true))
            .sorted(NEWEST_FIRST)
            .limit(page.limit() + 1L)
            .toList();
    return Page.of(found, page.limit(), m -> UsageCursor.after(m).token());
  }

  @Override
  public void each(
      TenantId tenant, Instant from, Instant to, UsageFilter filter, Consumer<UsageMetric> each) {
    List<UsageMetric> found;
    synchronized (this) {
      found =
          records.stream()
              .filter(m -> m.tenantId().equals(tenant))
              .filter(m -> !m.occurredAt().isBefore(from) && m.occurredAt().isBefore(to))
              .filter(filter::matches)
              .sorted(NEWEST_FIRST.reversed())
              .toList();
    }
    found.forEach(each);
  }

  @Override
  public synchronized long deleteRecordsBefore(TenantId tenant, Instant cutoff) {
    return removed(records, m -> m.tenantId().equals(tenant) && m.occurredAt().isBefore(cutoff));
  }

  @Override
  public synchronized long deleteRollupsBefore(TenantId tenant, Instant cutoff) {
    return removed(rollups, r -> r.tenantId().equals(tenant) && r.start().isBefore(cutoff));
  }

  @Override
  public synchronized long deleteShadowBefore(Instant cutoff) {
    return removed(
        shadow.entrySet(), e -> e.getValue().lastStored().orElseThrow().isBefore(cutoff));
  }

  @Override
  public synchronized long deleteAllOf(TenantId tenant) {
    return removed(records, m -> m.tenantId().equals(tenant))
        + removed(rollups, r -> r.tenantId().equals(tenant))
        + removed(shadow.entrySet(), e -> e.getKey().startsWith(tenant.value() + "|"));
  }

  private static <T> long removed(Collection<T> from, Predicate<T> which) {
    int before = from.size();
    from.removeIf(which);
    return before - from.size();
  }

  private static boolean sameBucket(UsageRollup a, UsageRollup b) {
    return a.tenantId().equals(b.tenantId())
        && a.grain() == b.grain()
        && a.start().equals(b.start())
        && a.apiKeyId().equals(b.apiKeyId())
        && a.credential().equals(b.credential())
        && a.facet().equals(b.facet())
        && a.provider().equals(b.provider())
        && a.model().equals(b.model())
        && a.status() == b.status()
        && a.cache() == b.cache();
  }

  /** True when {@code metric} comes after the cursor in newest-first order. */
  private static boolean comesAfter(UsageCursor cursor, UsageMetric metric) {
    int byTime =
        Long.compare(metric.occurredAt().toEpochMilli(), cursor.occurredAt().toEpochMilli());
    return byTime < 0 || (byTime == 0 && metric.id().value().compareTo(cursor.id().value()) < 0);
  }
}
