package io.killtoken.application.insight;

import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.settings.CacheMode;
import io.killtoken.domain.settings.TenantSettings;
import io.killtoken.domain.usage.CacheResult;
import io.killtoken.domain.usage.ShadowCache;
import io.killtoken.domain.usage.TokenUsage;
import io.killtoken.domain.usage.UsageRollup;
import io.killtoken.domain.usage.UsageTotals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The insights about paying twice for one answer: repeats the cache did not answer (the shadow
 * cache), and an expensive model doing small jobs a cheaper one of its provider would do.
 */
final class CacheRules {

  /** At least this many calls before a model's averages say anything. */
  static final long MIN_CALLS = 20;

  /** Small jobs: at most this many input and output tokens on average. */
  static final long SMALL_INPUT = 1_000;

  static final long SMALL_OUTPUT = 300;

  private CacheRules() {}

  /**
   * Repeats answered upstream that a cache would have answered: with the cache off (or only
   * deterministic), what turning it on would save at 24 h; with it on, repeats it still missed at
   * its own time to live, next to what it did save.
   */
  static Optional<Insight> shadowCache(
      List<UsageRollup> rollups, TenantSettings settings, Monthly monthly) {
    UsageTotals upstream = RollupSums.total(rollups, RollupSums.UPSTREAM);
    UsageTotals hits = RollupSums.total(rollups, r -> r.cache() == CacheResult.HIT);
    if (upstream.requests() + hits.requests() == 0) {
      return Optional.empty();
    }
    ShadowCache missed = upstream.signals().repeats();
    boolean on = settings.cacheMode() != CacheMode.OFF;
    ShadowCache.Window window = on ? windowFor(settings.cacheTtl()) : ShadowCache.Window.DAY;
    Map<String, Object> evidence = WasteRules.shadowEvidence(missed);
    evidence.put("upstream_calls", upstream.requests());
    evidence.put("cache_hits", hits.requests());
    evidence.put("usd_saved_by_cache", hits.savedCost());
    evidence.put("cache_mode", settings.cacheMode().name().toLowerCase(Locale.ROOT));
    long repeats = missed.hits(window);
    String found =
        repeats
            + " of "
            + upstream.requests()
            + " calls answered upstream repeated a request answered within "
            + label(window)
            + (on ? ", and the cache did not answer them." : "; a cache would have answered them.");
    String change =
        switch (settings.cacheMode()) {
          case OFF ->
              "Turn the response cache on: PATCH /api/v1/settings"
                  + " {\"cache_mode\":\"all\",\"cache_ttl_seconds\":86400}.";
          case DETERMINISTIC ->
              "Cache every request, not only deterministic ones: PATCH /api/v1/settings"
                  + " {\"cache_mode\":\"all\"} (only where a repeated answer is acceptable).";
          case ALL ->
              "Stop sending x-killtoken-cache: bypass or Cache-Control: no-store on repeated"
                  + " calls, or raise cache_ttl_seconds.";
        };
    return Optional.of(
        new Insight("shadow_cache", found, evidence, monthly.of(missed.saved(window)), change));
  }

  /** One insight per model whose calls are small enough for its provider's cheapest model. */
  static List<Insight> expensiveModels(
      List<UsageRollup> rollups, CheaperModels catalog, Monthly monthly) {
    List<Insight> found = new ArrayList<>();
    Map<String, UsageRollup> sample = new HashMap<>();
    rollups.forEach(r -> sample.putIfAbsent(RollupSums.model(r), r));
    RollupSums.by(rollups, RollupSums.UPSTREAM, RollupSums::model)
        .forEach(
            (model, sum) -> {
              if (sum.requests() < MIN_CALLS
                  || sum.tokens().input() / sum.requests() > SMALL_INPUT
                  || sum.tokens().output() / sum.requests() > SMALL_OUTPUT) {
                return;
              }
              UsageRollup one = sample.get(model);
              cheaper(catalog, one.provider(), one.model(), sum.tokens(), sum.cost())
                  .ifPresent(
                      alternative ->
                          found.add(insight(model, sum, alternative, one.provider(), monthly)));
            });
    found.sort(Comparator.comparing(Insight::monthlySaving).reversed());
    return found;
  }

  private static Optional<CheaperModels.Priced> cheaper(
      CheaperModels catalog,
      ProviderId provider,
      String model,
      TokenUsage tokens,
      MicroDollars spent) {
    return catalog
        .cheapest(provider, model, tokens)
        .filter(alternative -> alternative.price().cost(tokens).compareTo(spent) < 0);
  }

  private static Insight insight(
      String model,
      UsageTotals sum,
      CheaperModels.Priced alternative,
      ProviderId provider,
      Monthly monthly) {
    MicroDollars atCheaper = alternative.price().cost(sum.tokens());
    MicroDollars saving = sum.cost().minusOrZero(atCheaper);
    String to = provider.value() + "/" + alternative.model();
    return new Insight(
        "expensive_model_for_small_jobs",
        sum.requests()
            + " calls of "
            + model
            + " averaged "
            + sum.tokens().input() / sum.requests()
            + " input and "
            + sum.tokens().output() / sum.requests()
            + " output tokens: small jobs "
            + to
            + " would have done for less.",
        WasteRules.evidence(
            "model",
            model,
            "requests",
            sum.requests(),
            "average_input_tokens",
            sum.tokens().input() / sum.requests(),
            "average_output_tokens",
            sum.tokens().output() / sum.requests(),
            "cost_usd",
            sum.cost(),
            "cheaper_model",
            to,
            "cost_at_cheaper_model_usd",
            atCheaper),
        monthly.of(saving),
        "Send these calls to " + to + " (or add it first in the key's fallback_models).");
  }

  /** The shadow window that matches a cache time to live: the shortest at least as long. */
  static ShadowCache.Window windowFor(Duration ttl) {
    for (ShadowCache.Window window : ShadowCache.Window.values()) {
      if (ttl.compareTo(window.ttl()) <= 0) {
        return window;
      }
    }
    return ShadowCache.Window.WEEK;
  }

  private static String label(ShadowCache.Window window) {
    return switch (window) {
      case HOUR -> "1 h";
      case DAY -> "24 h";
      case WEEK -> "7 d";
    };
  }
}
