package io.killtoken.application.insight;

import io.killtoken.domain.fingerprint.PromptPrefix;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ModelPrice;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.usage.UsageRollup;
import io.killtoken.domain.usage.UsageTotals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The insight about long prefixes (tool definitions and system prompts) sent again and again: what
 * the provider's own prompt caching would cut, read from the prefix facet rollups — a keyed digest
 * and a token estimate per prefix, never its text.
 */
final class PrefixRules {

  /** A prefix counts as repeated from this many calls upstream. */
  static final long MIN_CALLS = 3;

  /** The prefixes named in the evidence, largest saving first. */
  static final int LISTED = 5;

  private PrefixRules() {}

  /** One prefix sent to one model: its calls, the tokens caching would cut and their saving. */
  private record Repeated(
      PromptPrefix prefix,
      ProviderId provider,
      String model,
      UsageTotals sum,
      long cacheable,
      MicroDollars saving) {}

  /** Prefix tokens sent after the first call, less what the provider already served cached. */
  private static long cacheable(PromptPrefix prefix, UsageTotals sum) {
    long repeated = Math.multiplyExact(sum.requests() - 1, prefix.tokens());
    return Math.max(0, repeated - sum.tokens().cachedInput());
  }

  static Optional<Insight> repeatedPrefixes(
      List<UsageRollup> prefixRollups, CheaperModels catalog, Monthly monthly) {
    Map<String, UsageRollup> sample = new LinkedHashMap<>();
    List<Repeated> found = new ArrayList<>();
    prefixRollups.forEach(
        r -> sample.putIfAbsent(r.facet().orElseThrow().value() + "|" + RollupSums.model(r), r));
    RollupSums.by(
            prefixRollups,
            RollupSums.UPSTREAM,
            r -> r.facet().orElseThrow().value() + "|" + RollupSums.model(r))
        .forEach(
            (key, sum) -> {
              if (sum.requests() < MIN_CALLS) {
                return;
              }
              UsageRollup one = sample.get(key);
              PromptPrefix prefix = PromptPrefix.ofFacetValue(one.facet().orElseThrow().value());
              catalog
                  .priceOf(one.provider(), one.model())
                  .filter(PrefixRules::discounted)
                  .ifPresent(
                      price -> {
                        long tokens = cacheable(prefix, sum);
                        MicroDollars saving = saving(tokens, price);
                        if (saving.value() > 0) {
                          found.add(
                              new Repeated(
                                  prefix, one.provider(), one.model(), sum, tokens, saving));
                        }
                      });
            });
    if (found.isEmpty()) {
      return Optional.empty();
    }
    found.sort(Comparator.comparing(Repeated::saving).reversed());
    return Optional.of(insight(found, monthly));
  }

  private static boolean discounted(ModelPrice price) {
    return price.cachedInputPerMillion().compareTo(price.inputPerMillion()) < 0;
  }

  private static MicroDollars saving(long tokens, ModelPrice price) {
    return MicroDollars.forTokens(tokens, price.inputPerMillion())
        .minusOrZero(MicroDollars.forTokens(tokens, price.cachedInputPerMillion()));
  }

  private static Insight insight(List<Repeated> found, Monthly monthly) {
    long calls = 0;
    long cacheable = 0;
    long cachedAlready = 0;
    MicroDollars saving = MicroDollars.ZERO;
    List<Map<String, Object>> listed = new ArrayList<>();
    for (Repeated r : found) {
      calls += r.sum().requests();
      cacheable += r.cacheable();
      cachedAlready += r.sum().tokens().cachedInput();
      saving = saving.plus(r.saving());
      if (listed.size() < LISTED) {
        listed.add(
            WasteRules.evidence(
                "prefix_fingerprint", r.prefix().digest(),
                "prefix_tokens", r.prefix().tokens(),
                "model", r.provider().value() + "/" + r.model(),
                "calls", r.sum().requests(),
                "cached_input_tokens", r.sum().tokens().cachedInput(),
                "usd", r.saving()));
      }
    }
    Repeated largest = found.getFirst();
    return new Insight(
        "repeated_prefixes",
        found.size()
            + " long prompt prefixes (tools and system prompt, "
            + PromptPrefix.MIN_CACHED_TOKENS
            + "+ tokens) went out again in "
            + calls
            + " calls; the provider's prompt caching would have read "
            + cacheable
            + " of their tokens at its cached-input price.",
        WasteRules.evidence(
            "prefixes", found.size(),
            "calls", calls,
            "cacheable_input_tokens", cacheable,
            "cached_input_tokens", cachedAlready,
            "usd_saving", saving,
            "top", listed),
        monthly.of(saving),
        change(largest.provider()));
  }

  private static String change(ProviderId provider) {
    return switch (provider.value()) {
      case "anthropic" ->
          "Mark the end of the shared prefix with \"cache_control\": {\"type\": \"ephemeral\"} (on"
              + " the last tool or system block): Anthropic then reads it from its cache at a tenth"
              + " of the input price.";
      case "gemini" ->
          "Keep the shared prefix first and identical in every call, or create a Gemini context"
              + " cache for it: Gemini then bills it at its cached-input price.";
      default ->
          "Keep the shared prefix first and byte-identical in every call (tools, then the system"
              + " prompt; anything that varies after it): "
              + provider.value()
              + " caches prompts of 1,024 tokens or more automatically at its cached-input price.";
    };
  }
}
