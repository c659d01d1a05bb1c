package io.killtoken.domain.usage;

import io.killtoken.domain.money.MicroDollars;
import java.util.Objects;

/**
 * What a set of gateway calls added up to: calls, errors, billed tokens and cost, cache hits and
 * what they saved, and their latencies. The unit a rollup stores and a summary adds up.
 *
 * @param errors calls that failed upstream or were refused ({@code client_closed} is not one)
 * @param saved tokens cache hits did not spend
 * @param signals the counts the waste insights read
 */
public record UsageTotals(
    long requests,
    long errors,
    TokenUsage tokens,
    MicroDollars cost,
    long cacheHits,
    TokenUsage saved,
    MicroDollars savedCost,
    LatencyHistogram latency,
    UsageSignals signals) {

  public static final UsageTotals ZERO =
      new UsageTotals(
          0,
          0,
          TokenUsage.NONE,
          MicroDollars.ZERO,
          0,
          TokenUsage.NONE,
          MicroDollars.ZERO,
          LatencyHistogram.EMPTY,
          UsageSignals.ZERO);

  /** Totals without signals. */
  public UsageTotals(
      long requests,
      long errors,
      TokenUsage tokens,
      MicroDollars cost,
      long cacheHits,
      TokenUsage saved,
      MicroDollars savedCost,
      LatencyHistogram latency) {
    this(requests, errors, tokens, cost, cacheHits, saved, savedCost, latency, UsageSignals.ZERO);
  }

  public UsageTotals {
    if (requests < 0 || errors < 0 || cacheHits < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(saved, "saved");
    Objects.requireNonNull(savedCost, "savedCost");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(signals, "signals");
  }

  /** One call, before its repeats are known. */
  public static UsageTotals of(UsageMetric metric) {
    return of(metric, ShadowCache.ZERO);
  }

  /** One call, with what a shadow cache would have answered. */
  public static UsageTotals of(UsageMetric metric, ShadowCache repeats) {
    boolean error =
        metric.status() == UsageStatus.UPSTREAM_ERROR || metric.status() == UsageStatus.REJECTED;
    return new UsageTotals(
        1,
        error ? 1 : 0,
        metric.tokens(),
        metric.cost(),
        metric.cache() == CacheResult.HIT ? 1 : 0,
        metric.saved(),
        metric.savedCost(),
        LatencyHistogram.of(metric.latency()),
        UsageSignals.of(metric, repeats));
  }

  public UsageTotals plus(UsageTotals other) {
    return new UsageTotals(
        Math.addExact(requests, other.requests),
        Math.addExact(errors, other.errors),
        add(tokens, other.tokens),
        cost.plus(other.cost),
        Math.addExact(cacheHits, other.cacheHits),
        add(saved, other.saved),
        savedCost.plus(other.savedCost),
        latency.plus(other.latency),
        signals.plus(other.signals));
  }

  private static TokenUsage add(TokenUsage a, TokenUsage b) {
    return new TokenUsage(
        Math.addExact(a.input(), b.input()),
        Math.addExact(a.output(), b.output()),
        Math.addExact(a.cachedInput(), b.cachedInput()));
  }
}
