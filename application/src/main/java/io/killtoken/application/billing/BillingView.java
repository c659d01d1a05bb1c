package io.killtoken.application.billing;

import io.killtoken.domain.billing.BillingAccount;
import io.killtoken.domain.billing.PlanTerms;
import io.killtoken.domain.limit.CalendarMonth;
import java.util.List;

/** What {@code GET /api/v1/billing} shows: the plan, its quota used and left, the subscription. */
public record BillingView(
    PlanTerms terms,
    BillingAccount account,
    long quotaUsed,
    CalendarMonth month,
    boolean configured,
    List<PlanTerms> plans) {

  public BillingView {
    plans = List.copyOf(plans);
  }

  /** Requests left this month; {@link Long#MAX_VALUE} for a plan without a quota. */
  public long quotaLeft() {
    return terms.hasMonthlyQuota()
        ? Math.max(0, terms.monthlyRequests() - quotaUsed)
        : Long.MAX_VALUE;
  }
}
