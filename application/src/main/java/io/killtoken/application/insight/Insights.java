package io.killtoken.application.insight;

import io.killtoken.application.usage.UsageRange;
import java.util.List;
import java.util.Objects;

/**
 * The answer of {@link FindInsights}: the range read, the findings and every credential's health.
 */
public record Insights(
    UsageRange range, List<Insight> insights, List<CredentialHealth> credentials) {

  public Insights {
    Objects.requireNonNull(range, "range");
    insights = List.copyOf(insights);
    credentials = List.copyOf(credentials);
  }
}
