package io.killtoken.application.usage;

import io.killtoken.domain.usage.RollupGrain;
import io.killtoken.domain.usage.UsageRollup;
import java.time.Duration;

/** What a usage summary has one entry per: an hour, a day, a model, a provider or a key. */
public enum UsageGrouping {
  HOUR(true, Duration.ofDays(31)),
  DAY(true, Duration.ofDays(366)),
  MODEL(false, Duration.ofDays(366)),
  PROVIDER(false, Duration.ofDays(366)),
  KEY(false, Duration.ofDays(366));

  private final boolean byTime;
  private final Duration longestRange;

  UsageGrouping(boolean byTime, Duration longestRange) {
    this.byTime = byTime;
    this.longestRange = longestRange;
  }

  /** True for hours and days: their entries come in time order, the others by cost. */
  public boolean byTime() {
    return byTime;
  }

  /** The longest range a summary of this grouping may cover. */
  public Duration longestRange() {
    return longestRange;
  }

  /** The entry a rollup counts in: an ISO-8601 instant, {@code provider/model}, or an id. */
  String keyOf(UsageRollup rollup) {
    return switch (this) {
      case HOUR -> rollup.start().toString();
      case DAY -> RollupGrain.DAY.start(rollup.start()).toString();
      case MODEL -> rollup.provider().value() + "/" + rollup.model();
      case PROVIDER -> rollup.provider().value();
      case KEY -> rollup.apiKeyId().value();
    };
  }
}
