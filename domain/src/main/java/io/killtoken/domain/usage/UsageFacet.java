package io.killtoken.domain.usage;

import io.killtoken.domain.fingerprint.PromptPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A label a rollup adds calls up under besides its key, model and the rest: one tag's value ({@code
 * tag:feature} = {@code search}), one end user ({@code user} = the stored id) or one cacheable
 * prompt prefix ({@code prefix} = {@link PromptPrefix#facetValue()}). A call counts in its plain
 * rollup and once more under each facet it carries.
 */
public record UsageFacet(String kind, String value) {

  public static final String USER = "user";
  public static final String PREFIX = "prefix";
  private static final String TAG = "tag:";

  public UsageFacet {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if (!kind.equals(USER)
        && !kind.equals(PREFIX)
        && !(kind.startsWith(TAG) && UsageTags.isKey(kind.substring(4)))) {
      throw new IllegalArgumentException("a facet is 'user', 'prefix' or 'tag:<key>'");
    }
  }

  /** The facet kind that adds calls up per value of the tag {@code key}. */
  public static String tagKind(String key) {
    return TAG + key;
  }

  /** The facets a call counts under: one per tag, its end user and its cacheable prefix. */
  public static List<UsageFacet> of(UsageAttribution attribution) {
    List<UsageFacet> facets = new ArrayList<>();
    attribution
        .tags()
        .asMap()
        .forEach((key, value) -> facets.add(new UsageFacet(TAG + key, value)));
    attribution.endUser().ifPresent(user -> facets.add(new UsageFacet(USER, user)));
    attribution
        .prefix()
        .ifPresent(prefix -> facets.add(new UsageFacet(PREFIX, prefix.facetValue())));
    return facets;
  }
}
