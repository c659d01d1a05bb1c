package io.killtoken.application.insight;

import io.killtoken.domain.money.MicroDollars;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One finding about where a tenant's tokens and dollars go: what was found, the evidence (counts,
 * tokens, dollars as {@link MicroDollars}), what it would save in a 30-day month, and the one
 * change that gets it.
 *
 * @param kind a stable name such as {@code shadow_cache} or {@code abandoned_streams}
 */
public record Insight(
    String kind,
    String found,
    Map<String, Object> evidence,
    MicroDollars monthlySaving,
    String change) {

  public Insight {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(found, "found");
    evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    Objects.requireNonNull(monthlySaving, "monthlySaving");
    Objects.requireNonNull(change, "change");
  }
}
