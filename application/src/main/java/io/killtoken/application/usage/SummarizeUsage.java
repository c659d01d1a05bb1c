package io.killtoken.application.usage;

import io.killtoken.domain.usage.UsageQueries;
import io.killtoken.domain.usage.UsageRollup;
import io.killtoken.domain.usage.UsageTotals;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Use case: a tenant's usage over a range of whole hours (from rounded down, to rounded up), in
 * total and per group, read from rollups only ({@link RangeRollups}; all hourly when grouping by
 * hour) — so its cost depends on the range, not on the number of calls.
 */
public final class SummarizeUsage {

  private final RangeRollups rollups;
  private final InstantSource clock;

  public SummarizeUsage(UsageQueries usage, InstantSource clock) {
    this.rollups = new RangeRollups(usage);
    this.clock = clock;
  }

  public UsageSummary summarize(UsageSummaryQuery query) {
    UsageRange range =
        UsageRange.of(query.from(), query.to(), clock, query.grouping().longestRange())
            .wholeHours();
    Optional<String> facetKind = query.grouping().facetKind(query.tag());
    Map<String, UsageTotals> groups = new HashMap<>();
    UsageTotals totals = UsageTotals.ZERO;
    for (UsageRollup rollup : rollups(query, range, facetKind)) {
      groups.merge(query.grouping().keyOf(rollup), rollup.totals(), UsageTotals::plus);
      totals = totals.plus(rollup.totals());
    }
    if (facetKind.isPresent()) {
      // Facet rollups count only the calls that carry the facet: the totals count every call.
      totals =
          rollups(query, range, Optional.empty()).stream()
              .map(UsageRollup::totals)
              .reduce(UsageTotals.ZERO, UsageTotals::plus);
    }
    List<UsageSummary.Group> entries = new ArrayList<>();
    groups.forEach((key, sum) -> entries.add(new UsageSummary.Group(key, sum)));
    entries.sort(order(query.grouping()));
    return new UsageSummary(range, query.grouping(), query.tag(), totals, entries);
  }

  private List<UsageRollup> rollups(
      UsageSummaryQuery query, UsageRange range, Optional<String> facetKind) {
    return rollups.read(
        query.tenant(), range, query.grouping() == UsageGrouping.HOUR, query.filter(), facetKind);
  }

  /** Time groups in time order (ISO-8601 instants of one format sort as text); others by cost. */
  private static Comparator<UsageSummary.Group> order(UsageGrouping grouping) {
    Comparator<UsageSummary.Group> byKey = Comparator.comparing(UsageSummary.Group::key);
    if (grouping.byTime()) {
      return byKey;
    }
    return Comparator.comparing((UsageSummary.Group g) -> g.totals().cost())
        .reversed()
        .thenComparing(byKey);
  }
}
