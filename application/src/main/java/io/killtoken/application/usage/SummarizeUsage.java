package io.killtoken.application.usage;

import io.killtoken.domain.usage.RollupGrain;
import io.killtoken.domain.usage.UsageQueries;
import io.killtoken.domain.usage.UsageRollup;
import io.killtoken.domain.usage.UsageTotals;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Use case: a tenant's usage over a range of whole hours (from rounded down, to rounded up), in
 * total and per group, read from rollups only — daily ones for the whole days of the range and
 * hourly ones for the hours at its ends (all hourly when grouping by hour) — so its cost depends on
 * the range, not on the number of calls.
 */
public final class SummarizeUsage {

  private final UsageQueries usage;
  private final InstantSource clock;

  public SummarizeUsage(UsageQueries usage, InstantSource clock) {
    this.usage = usage;
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
    Instant firstDay = RollupGrain.DAY.ceiling(range.from());
    Instant lastDayEnd = RollupGrain.DAY.start(range.to());
    if (query.grouping() == UsageGrouping.HOUR || !firstDay.isBefore(lastDayEnd)) {
      return read(query, RollupGrain.HOUR, range.from(), range.to(), facetKind);
    }
    List<UsageRollup> found = new ArrayList<>();
    found.addAll(read(query, RollupGrain.HOUR, range.from(), firstDay, facetKind));
    found.addAll(read(query, RollupGrain.DAY, firstDay, lastDayEnd, facetKind));
    found.addAll(read(query, RollupGrain.HOUR, lastDayEnd, range.to(), facetKind));
    return found;
  }

  private List<UsageRollup> read(
      UsageSummaryQuery query,
      RollupGrain grain,
      Instant from,
      Instant to,
      Optional<String> facetKind) {
    if (!from.isBefore(to)) {
      return List.of();
    }
    return usage.rollups(query.tenant(), grain, from, to, query.filter(), facetKind);
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
