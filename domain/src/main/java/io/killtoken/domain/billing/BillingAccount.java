package io.killtoken.domain.billing;

import io.killtoken.domain.tenant.Plan;
import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's standing with Stripe: its customer, its subscription and what Stripe last said of it.
 *
 * @param subscribed the plan the subscription's price is for (Free without one)
 * @param periodEnd when the subscription's current period ends
 * @param lastChange when an event last changed the account
 * @param paymentFailedAt when the subscription was first seen past due (a payment failed) and not
 *     paid since: the grace period counts from here
 */
public record BillingAccount(
    TenantId tenantId,
    Optional<String> customerId,
    Optional<String> subscriptionId,
    SubscriptionStatus status,
    Plan subscribed,
    Optional<Instant> periodEnd,
    Optional<Instant> lastChange,
    Optional<Instant> paymentFailedAt) {

  public BillingAccount {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(subscribed, "subscribed");
    Objects.requireNonNull(periodEnd, "periodEnd");
    Objects.requireNonNull(lastChange, "lastChange");
    Objects.requireNonNull(paymentFailedAt, "paymentFailedAt");
  }

  /** A tenant that never dealt with Stripe. */
  public static BillingAccount none(TenantId tenant) {
    return new BillingAccount(
        tenant,
        Optional.empty(),
        Optional.empty(),
        SubscriptionStatus.NONE,
        Plan.FREE,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  public BillingAccount withCustomer(String customer) {
    return new BillingAccount(
        tenantId,
        Optional.of(customer),
        subscriptionId,
        status,
        subscribed,
        periodEnd,
        lastChange,
        paymentFailedAt);
  }
}
