package io.killtoken.application.usage;

import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.usage.RollupGrain;
import io.killtoken.domain.usage.UsageFacet;
import io.killtoken.domain.usage.UsageRollup;
import java.time.Duration;
import java.util.Optional;

/**
 * What a usage summary has one entry per: an hour, a day, a model, a provider, a key, a provider
 * credential, a value of one tag, or an end user. Tags and end users are read from facet rollups,
 * so a call without the tag (or end user) is in no entry; the totals still count every call.
 */
public enum UsageGrouping {
  HOUR(true, Duration.ofDays(31)),
  DAY(true, Duration.ofDays(366)),
  MODEL(false, Duration.ofDays(366)),
  PROVIDER(false, Duration.ofDays(366)),
  KEY(false, Duration.ofDays(366)),
  CREDENTIAL(false, Duration.ofDays(366)),
  TAG(false, Duration.ofDays(366)),
  USER(false, Duration.ofDays(366));

  /** What a call with no credential (a cache hit) counts under when grouping by credential. */
  static final String NO_CREDENTIAL = "none";

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
      case CREDENTIAL -> rollup.credential().map(CredentialId::value).orElse(NO_CREDENTIAL);
      case TAG, USER -> rollup.facet().orElseThrow().value();
    };
  }

  /** The facet rollups this grouping reads, or empty for the plain ones. */
  Optional<String> facetKind(Optional<String> tag) {
    return switch (this) {
      case TAG -> Optional.of(UsageFacet.tagKind(tag.orElseThrow()));
      case USER -> Optional.of(UsageFacet.USER);
      default -> Optional.empty();
    };
  }
}
