package io.killtoken.adapters.http.billing;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.killtoken.adapters.http.access.AdminAccess;
import io.killtoken.adapters.http.json.JsonBody;
import io.killtoken.application.access.Caller;
import io.killtoken.application.account.ShowAccount;
import io.killtoken.application.billing.BillingView;
import io.killtoken.application.billing.ManageBilling;
import io.killtoken.domain.billing.BillingAccount;
import io.killtoken.domain.billing.PlanTerms;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.tenant.Plan;
import io.killtoken.domain.user.User;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/v1/billing}: the plan, its quota used and left and the subscription; {@code POST
 * /checkout} and {@code /portal} answer a Stripe URL to send the tenant to. Both need the session's
 * CSRF token or an admin key, as every admin write does.
 */
public final class BillingRoutes {

  private final ManageBilling billing;
  private final ShowAccount accounts;

  public BillingRoutes(ManageBilling billing, ShowAccount accounts) {
    this.billing = billing;
    this.accounts = accounts;
  }

  public void register(JavalinConfig config) {
    config.routes.get(
        "/api/v1/billing", ctx -> ctx.json(view(billing.show(AdminAccess.caller(ctx).tenant()))));
    config.routes.post("/api/v1/billing/checkout", this::checkout);
    config.routes.post(
        "/api/v1/billing/portal",
        ctx -> {
          JsonBody.read(ctx, Set.of());
          ctx.json(Map.of("url", billing.portal(AdminAccess.caller(ctx).tenant()).toString()));
        });
  }

  private void checkout(Context ctx) {
    JsonBody body = JsonBody.read(ctx, Set.of("plan"));
    Plan plan = plan(body.text("plan"));
    Caller caller = AdminAccess.caller(ctx);
    Optional<String> email = accounts.show(caller).user().map(User::email).map(e -> e.value());
    ctx.json(Map.of("url", billing.checkout(caller.tenant(), plan, email).toString()));
  }

  private static Plan plan(Optional<String> name) {
    try {
      return Plan.valueOf(
          name.orElseThrow(() -> new InvalidRequest("'plan' is required."))
              .toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequest("'plan' must be 'pro' or 'enterprise'.");
    }
  }

  private static Map<String, Object> view(BillingView shown) {
    Map<String, Object> view = new LinkedHashMap<>();
    BillingAccount account = shown.account();
    view.put("configured", shown.configured());
    view.put("plan", name(shown.terms().plan()));
    view.put("price", shown.terms().priceLabel());
    view.put("subscription_status", account.status().name().toLowerCase(Locale.ROOT));
    view.put("current_period_end", account.periodEnd().map(Instant::toString).orElse(null));
    view.put("payment_failed_at", account.paymentFailedAt().map(Instant::toString).orElse(null));
    Map<String, Object> quota = new LinkedHashMap<>();
    quota.put("month", shown.month().label());
    quota.put("requests_per_minute", shown.terms().requestsPerMinute());
    quota.put("monthly_requests", monthlyRequests(shown.terms()));
    quota.put("used", shown.quotaUsed());
    quota.put("left", shown.terms().hasMonthlyQuota() ? shown.quotaLeft() : null);
    quota.put("counts_cache_hits", true);
    view.put("quota", quota);
    view.put("plans", shown.plans().stream().map(BillingRoutes::plan).toList());
    return view;
  }

  private static Map<String, Object> plan(PlanTerms terms) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("plan", name(terms.plan()));
    view.put("price", terms.priceLabel());
    view.put("requests_per_minute", terms.requestsPerMinute());
    view.put("monthly_requests", monthlyRequests(terms));
    view.put("checkout", terms.stripePrice().isPresent());
    return view;
  }

  /** The plan's monthly quota, or null (JSON null) for a plan without one. */
  private static Long monthlyRequests(PlanTerms terms) {
    return terms.hasMonthlyQuota() ? terms.monthlyRequests() : null;
  }

  private static String name(Plan plan) {
    return plan.name().toLowerCase(Locale.ROOT);
  }
}
