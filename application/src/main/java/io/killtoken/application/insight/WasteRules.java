package io.killtoken.application.insight;

import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.usage.ShadowCache;
import io.killtoken.domain.usage.UsageRollup;
import io.killtoken.domain.usage.UsageSignals;
import io.killtoken.domain.usage.UsageStatus;
import io.killtoken.domain.usage.UsageTotals;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The waste insights that read the rollups alone: answers cut off at the cap, caps far above use,
 * streams the client left, failed calls and estimated usage. Each fires only on what it finds.
 */
final class WasteRules {

  /** Below this many capped calls the average says little. */
  static final long MIN_CAPPED = 10;

  /** A cap this many times the average answer is far above use. */
  static final long CAP_OVER_USE = 4;

  private WasteRules() {}

  /** One insight per model whose answers stopped at the output cap. */
  static List<Insight> cutOff(List<UsageRollup> rollups, Monthly monthly) {
    List<Insight> found = new ArrayList<>();
    RollupSums.by(rollups, RollupSums.UPSTREAM, RollupSums::model)
        .forEach(
            (model, sum) -> {
              long truncated = sum.signals().truncated();
              if (truncated == 0) {
                return;
              }
              MicroDollars spent = share(sum.cost(), truncated, sum.requests());
              found.add(
                  new Insight(
                      "cut_off_answers",
                      truncated
                          + " of "
                          + sum.requests()
                          + " answers of "
                          + model
                          + " stopped at their max_tokens (finish_reason: length).",
                      evidence(
                          "model", model,
                          "requests", sum.requests(),
                          "cut_off", truncated,
                          "cost_usd", spent),
                      monthly.of(spent),
                      "Raise max_tokens for "
                          + model
                          + " or ask for shorter answers: a cut-off answer is usually paid for"
                          + " again."));
            });
    return found;
  }

  /** Output caps far above what the answers use: they hold budget the calls never spend. */
  static Optional<Insight> oversizedCaps(List<UsageRollup> rollups) {
    UsageSignals s = RollupSums.total(rollups, RollupSums.UPSTREAM).signals();
    if (s.capped() < MIN_CAPPED) {
      return Optional.empty();
    }
    long averageCap = s.cappedMaxTokens() / s.capped();
    long averageOutput = s.cappedOutput() / s.capped();
    if (averageCap < CAP_OVER_USE * Math.max(1, averageOutput)) {
      return Optional.empty();
    }
    long suggested = Math.max(16, averageOutput * 2);
    return Optional.of(
        new Insight(
            "max_tokens_above_use",
            s.capped()
                + " calls set max_tokens "
                + averageCap
                + " on average, while their answers used "
                + averageOutput
                + " output tokens.",
            evidence(
                "capped_calls", s.capped(),
                "average_max_tokens", averageCap,
                "average_output_tokens", averageOutput),
            MicroDollars.ZERO,
            "Lower max_tokens to about "
                + suggested
                + ": each call holds its worst case against the key's budget until it ends."));
  }

  /** Streams the client closed before the end: the tokens were billed all the same. */
  static Optional<Insight> abandonedStreams(List<UsageRollup> rollups, Monthly monthly) {
    UsageTotals left = RollupSums.total(rollups, r -> r.status() == UsageStatus.CLIENT_CLOSED);
    if (left.requests() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Insight(
            "abandoned_streams",
            left.requests()
                + " streams were closed by the client before the end; their tokens were billed.",
            evidence(
                "streams", left.requests(),
                "output_tokens", left.tokens().output(),
                "cost_usd", left.cost()),
            monthly.of(left.cost()),
            "Set max_tokens on streamed calls, and stop streams the user no longer reads early."));
  }

  /** Calls the provider failed, by cause: refused keys, throttling, server errors. */
  static Optional<Insight> errors(List<UsageRollup> rollups) {
    UsageTotals failed = RollupSums.total(rollups, r -> r.status() == UsageStatus.UPSTREAM_ERROR);
    if (failed.requests() == 0) {
      return Optional.empty();
    }
    UsageSignals s = failed.signals();
    long all = RollupSums.total(rollups, r -> true).requests();
    String change =
        s.unauthorized() > 0
            ? "Rotate the provider credential the provider refused (see credentials below)."
            : s.throttled() >= s.serverErrors()
                ? "Raise the provider's rate limit for your key, or add fallback_models to the"
                    + " key so throttled calls move to another model."
                : "Add fallback_models to the key so calls a failing provider drops move on.";
    return Optional.of(
        new Insight(
            "error_and_retry_spend",
            failed.requests()
                + " of "
                + all
                + " upstream attempts failed (retries count once each).",
            evidence(
                "failed", failed.requests(),
                "attempts", all,
                "refused_401_403", s.unauthorized(),
                "throttled_429", s.throttled(),
                "server_errors_5xx", s.serverErrors(),
                "cost_usd", failed.cost()),
            MicroDollars.ZERO,
            change));
  }

  /** Records whose provider sent no usage: KillToken counted the tokens itself. */
  static Optional<Insight> estimated(List<UsageRollup> rollups) {
    UsageTotals answered = RollupSums.total(rollups, RollupSums.UPSTREAM);
    long estimated = answered.signals().estimated();
    if (estimated == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Insight(
            "estimated_records",
            estimated
                + " of "
                + answered.requests()
                + " answers came without usage from the provider; their tokens are KillToken's"
                + " count, not the bill.",
            evidence("estimated", estimated, "requests", answered.requests()),
            MicroDollars.ZERO,
            "Use a provider endpoint that reports usage (for a self-hosted base_url, one that"
                + " answers stream_options.include_usage)."));
  }

  /** What a shadow cache would have answered among upstream calls, per window. */
  static Map<String, Object> shadowEvidence(ShadowCache missed) {
    Map<String, Object> evidence = new LinkedHashMap<>();
    for (ShadowCache.Window window : ShadowCache.Window.values()) {
      String name = window.name().toLowerCase(Locale.ROOT);
      evidence.put("repeats_" + name, missed.hits(window));
      evidence.put("usd_" + name, missed.saved(window));
    }
    return evidence;
  }

  /** Alternating names and values, in order. */
  static Map<String, Object> evidence(Object... pairs) {
    Map<String, Object> evidence = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      evidence.put((String) pairs[i], pairs[i + 1]);
    }
    return evidence;
  }

  /** {@code part} of {@code whole} calls' cost, assuming an average call. */
  static MicroDollars share(MicroDollars cost, long part, long whole) {
    return whole == 0
        ? MicroDollars.ZERO
        : new MicroDollars(
            BigInteger.valueOf(cost.value())
                .multiply(BigInteger.valueOf(part))
                .divide(BigInteger.valueOf(whole))
                .longValueExact());
  }
}
