package io.killtoken.application.insight;

import io.killtoken.domain.usage.CacheResult;
import io.killtoken.domain.usage.UsageRollup;
import io.killtoken.domain.usage.UsageStatus;
import io.killtoken.domain.usage.UsageTotals;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/** Adds up the rollups an insight looks at: all of them, or per model, credential, …. */
final class RollupSums {

  static final Predicate<UsageRollup> ANSWERED = r -> r.status() == UsageStatus.OK;
  static final Predicate<UsageRollup> UPSTREAM = ANSWERED.and(r -> r.cache() != CacheResult.HIT);

  private RollupSums() {}

  static UsageTotals total(List<UsageRollup> rollups, Predicate<UsageRollup> which) {
    return rollups.stream()
        .filter(which)
        .map(UsageRollup::totals)
        .reduce(UsageTotals.ZERO, UsageTotals::plus);
  }

  /** Sums per key, in key order (so insights come out in a stable order). */
  static <K extends Comparable<K>> Map<K, UsageTotals> by(
      List<UsageRollup> rollups, Predicate<UsageRollup> which, Function<UsageRollup, K> key) {
    Map<K, UsageTotals> sums = new TreeMap<>();
    rollups.stream()
        .filter(which)
        .forEach(r -> sums.merge(key.apply(r), r.totals(), UsageTotals::plus));
    return sums;
  }

  static String model(UsageRollup rollup) {
    return rollup.provider().value() + "/" + rollup.model();
  }
}
