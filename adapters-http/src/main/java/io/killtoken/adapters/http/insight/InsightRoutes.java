package io.killtoken.adapters.http.insight;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.killtoken.adapters.http.access.AdminAccess;
import io.killtoken.adapters.http.json.Timestamps;
import io.killtoken.adapters.http.usage.UsageParameters;
import io.killtoken.adapters.http.usage.UsageViews;
import io.killtoken.application.insight.CredentialHealth;
import io.killtoken.application.insight.FindInsights;
import io.killtoken.application.insight.Insight;
import io.killtoken.application.insight.Insights;
import io.killtoken.domain.money.MicroDollars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/insights?from=&to=}: where the calling tenant's tokens and dollars were
 * wasted, each finding with its evidence, monthly saving and the change that gets it, and the
 * health of every stored provider credential.
 */
public final class InsightRoutes {

  private final FindInsights insights;

  public InsightRoutes(FindInsights insights) {
    this.insights = insights;
  }

  public void register(JavalinConfig config) {
    config.routes.get("/api/v1/insights", this::insights);
  }

  private void insights(Context ctx) {
    Insights found =
        insights.find(
            AdminAccess.caller(ctx).tenant(),
            UsageParameters.instant(ctx, "from"),
            UsageParameters.instant(ctx, "to"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", Timestamps.iso(found.range().from()));
    body.put("to", Timestamps.iso(found.range().to()));
    body.put(
        "monthly_saving_usd",
        UsageViews.usd(
            found.insights().stream()
                .map(Insight::monthlySaving)
                .reduce(MicroDollars.ZERO, MicroDollars::plus)));
    body.put("insights", found.insights().stream().map(InsightRoutes::view).toList());
    body.put("credentials", found.credentials().stream().map(InsightRoutes::view).toList());
    ctx.json(body);
  }

  private static Map<String, Object> view(Insight insight) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("kind", insight.kind());
    view.put("found", insight.found());
    view.put("evidence", evidence(insight.evidence()));
    view.put("monthly_saving_usd", UsageViews.usd(insight.monthlySaving()));
    view.put("change", insight.change());
    return view;
  }

  /** Evidence as JSON: dollars with six places, in nested lists and maps too. */
  private static Object evidence(Object value) {
    return switch (value) {
      case MicroDollars dollars -> UsageViews.usd(dollars);
      case Map<?, ?> map -> {
        Map<Object, Object> converted = new LinkedHashMap<>();
        map.forEach((name, inner) -> converted.put(name, evidence(inner)));
        yield converted;
      }
      case List<?> list -> list.stream().map(InsightRoutes::evidence).toList();
      default -> value;
    };
  }

  private static Map<String, Object> view(CredentialHealth health) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", health.id().value());
    view.put("provider", health.provider().value());
    view.put("label", health.label());
    view.put("verdict", health.verdict());
    view.put("calls", health.calls());
    view.put("spend_usd", UsageViews.usd(health.spend()));
    view.put("refused_401_403", health.refused());
    view.put("throttled_429", health.throttled());
    view.put("server_errors_5xx", health.failed());
    view.put("last_used_hour", health.lastUsed().map(Timestamps::iso).orElse(null));
    view.put("days_since_rotation", health.daysSinceRotation());
    return view;
  }
}
