package io.killtoken.domain.usage;

import java.util.Objects;

/**
 * The counts the waste insights read, added up with the rest of a rollup.
 *
 * @param truncated answers cut off at the output cap ({@code finish_reason: length})
 * @param estimated calls whose provider sent no usage, so KillToken counted the tokens
 * @param capped calls that set an output cap ({@code max_tokens} or {@code max_completion_tokens})
 * @param cappedMaxTokens the caps those calls set, added up
 * @param cappedOutput the output tokens those calls used, added up
 * @param unauthorized calls the provider refused the tenant's key for (401, 403)
 * @param throttled calls the provider throttled (429)
 * @param serverErrors calls the provider failed (5xx)
 * @param repeats calls an exact-response cache of each shadow time to live would have answered
 */
public record UsageSignals(
    long truncated,
    long estimated,
    long capped,
    long cappedMaxTokens,
    long cappedOutput,
    long unauthorized,
    long throttled,
    long serverErrors,
    ShadowCache repeats) {

  public static final UsageSignals ZERO =
      new UsageSignals(0, 0, 0, 0, 0, 0, 0, 0, ShadowCache.ZERO);

  public UsageSignals {
    if (truncated < 0
        || estimated < 0
        || capped < 0
        || cappedMaxTokens < 0
        || cappedOutput < 0
        || unauthorized < 0
        || throttled < 0
        || serverErrors < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    Objects.requireNonNull(repeats, "repeats");
  }

  /** One call's signals, with the repeats its store found. */
  public static UsageSignals of(UsageMetric metric, ShadowCache repeats) {
    UsageAttribution a = metric.attribution();
    int status = a.upstreamStatus();
    boolean capped = a.maxTokens() > 0;
    return new UsageSignals(
        a.truncated() ? 1 : 0,
        metric.estimated() ? 1 : 0,
        capped ? 1 : 0,
        a.maxTokens(),
        capped ? metric.tokens().output() : 0,
        status == 401 || status == 403 ? 1 : 0,
        status == 429 ? 1 : 0,
        status >= 500 ? 1 : 0,
        repeats);
  }

  public UsageSignals plus(UsageSignals o) {
    return new UsageSignals(
        Math.addExact(truncated, o.truncated),
        Math.addExact(estimated, o.estimated),
        Math.addExact(capped, o.capped),
        Math.addExact(cappedMaxTokens, o.cappedMaxTokens),
        Math.addExact(cappedOutput, o.cappedOutput),
        Math.addExact(unauthorized, o.unauthorized),
        Math.addExact(throttled, o.throttled),
        Math.addExact(serverErrors, o.serverErrors),
        repeats.plus(o.repeats));
  }
}
