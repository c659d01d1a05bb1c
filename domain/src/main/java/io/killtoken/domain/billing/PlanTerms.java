package io.killtoken.domain.billing;

import io.killtoken.domain.tenant.Plan;
import java.util.Objects;
import java.util.Optional;

/**
 * What a plan gives and costs: its request quotas, the price shown to tenants (a label such as
 * {@code $49 / month}), and the Stripe price a tenant subscribes to for it (none for Free, or when
 * billing is not configured).
 *
 * @param monthlyRequests requests per calendar month; {@link Long#MAX_VALUE} for no quota
 */
public record PlanTerms(
    Plan plan,
    long monthlyRequests,
    int requestsPerMinute,
    String priceLabel,
    Optional<String> stripePrice) {

  public PlanTerms {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(priceLabel, "priceLabel");
    Objects.requireNonNull(stripePrice, "stripePrice");
    if (monthlyRequests < 1 || requestsPerMinute < 1) {
      throw new IllegalArgumentException("a plan allows at least one request");
    }
  }

  /** The plan's terms as the code ships them, with no Stripe price. */
  public static PlanTerms defaults(Plan plan) {
    String label =
        switch (plan) {
          case FREE -> "$0";
          case PRO -> "$49 / month";
          case ENTERPRISE -> "contact us";
        };
    return new PlanTerms(
        plan, plan.monthlyRequests(), plan.requestsPerMinute(), label, Optional.empty());
  }

  public boolean hasMonthlyQuota() {
    return monthlyRequests < Long.MAX_VALUE;
  }
}
