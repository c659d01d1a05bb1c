package io.killtoken.application.billing;

import io.killtoken.domain.billing.BillingAccount;
import io.killtoken.domain.billing.BillingAccountRepository;
import io.killtoken.domain.billing.BillingEvent;
import io.killtoken.domain.billing.BillingGateway;
import io.killtoken.domain.billing.PlanCatalog;
import io.killtoken.domain.billing.ProcessedEvents;
import io.killtoken.domain.billing.Subscription;
import io.killtoken.domain.billing.SubscriptionStatus;
import io.killtoken.domain.tenant.Plan;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.tenant.TenantRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;

/**
 * Use case: applies a Stripe webhook event once. The event's signature is verified first (a forged,
 * stale or malformed one changes nothing); its id is claimed across nodes, so a replay is
 * acknowledged and ignored; the subscription it names is read again from Stripe, so whatever order
 * events arrive in, the tenant ends on the plan its subscription has now.
 *
 * <ul>
 *   <li>Active (or trialing): the plan the subscription's price is for.
 *   <li>Past due (a payment failed): the plan is kept for the grace period from the first time it
 *       was seen past due, then Free; paid again, it is restored.
 *   <li>Canceled, unpaid or expired: Free.
 *   <li>A subscription of a customer no tenant has, or a price no plan has: acknowledged, applied
 *       to no tenant (the outcome says so, for the adapter's log).
 * </ul>
 */
public final class HandleBillingEvent {

  /** The events that can move a plan; others are acknowledged and ignored. */
  static final Set<String> MOVING =
      Set.of(
          "checkout.session.completed",
          "customer.subscription.created",
          "customer.subscription.updated",
          "customer.subscription.deleted",
          "invoice.payment_failed",
          "invoice.paid");

  /** What became of one delivery. */
  public enum Outcome {
    APPLIED,
    REPLAYED,
    IGNORED,
    UNKNOWN_CUSTOMER,
    UNKNOWN_PRICE
  }

  private final BillingGateway stripe;
  private final ProcessedEvents processed;
  private final BillingAccountRepository accounts;
  private final TenantRepository tenants;
  private final PlanCatalog plans;
  private final Duration grace;
  private final InstantSource clock;

  public HandleBillingEvent(
      BillingGateway stripe,
      ProcessedEvents processed,
      BillingAccountRepository accounts,
      TenantRepository tenants,
      PlanCatalog plans,
      Duration grace,
      InstantSource clock) {
    this.stripe = stripe;
    this.processed = processed;
    this.accounts = accounts;
    this.tenants = tenants;
    this.plans = plans;
    this.grace = grace;
    this.clock = clock;
  }

  public Outcome handle(String payload, String signatureHeader) {
    BillingEvent event = stripe.verify(payload, signatureHeader);
    if (!processed.claim(event.id())) {
      return Outcome.REPLAYED;
    }
    try {
      return apply(event);
    } catch (RuntimeException e) {
      // Not applied: give the id back so that Stripe's retry of this delivery applies it.
      processed.release(event.id());
      throw e;
    }
  }

  private Outcome apply(BillingEvent event) {
    if (!MOVING.contains(event.type()) || event.subscriptionId().isEmpty()) {
      return Outcome.IGNORED;
    }
    Subscription subscription = stripe.subscription(event.subscriptionId().get());
    Optional<BillingAccount> found = accounts.findByCustomer(subscription.customerId());
    if (found.isEmpty()) {
      return Outcome.UNKNOWN_CUSTOMER;
    }
    BillingAccount account = found.get();
    boolean another =
        account.subscriptionId().filter(id -> !id.equals(subscription.id())).isPresent();
    if (another && subscription.status() != SubscriptionStatus.ACTIVE) {
      // An older subscription ending (or failing) says nothing about the one the tenant has now.
      return Outcome.IGNORED;
    }
    Optional<Plan> priced = subscription.price().flatMap(plans::planOfPrice);
    if (priced.isEmpty()) {
      return Outcome.UNKNOWN_PRICE;
    }
    Instant now = clock.instant();
    BillingAccount updated = next(account, subscription, priced.get(), now);
    accounts.save(updated);
    Plan plan = planOf(updated, now);
    Tenant tenant = tenants.find(account.tenantId()).orElse(null);
    if (tenant != null && tenant.plan() != plan) {
      tenants.save(tenant.withPlan(plan));
    }
    return Outcome.APPLIED;
  }

  private static BillingAccount next(
      BillingAccount account, Subscription subscription, Plan subscribed, Instant now) {
    Optional<Instant> failedAt =
        subscription.status() == SubscriptionStatus.PAST_DUE
            ? Optional.of(account.paymentFailedAt().orElse(now))
            : Optional.empty();
    return new BillingAccount(
        account.tenantId(),
        account.customerId(),
        Optional.of(subscription.id()),
        subscription.status(),
        subscribed,
        subscription.periodEnd(),
        Optional.of(now),
        failedAt);
  }

  /** The plan an account gives now: see the class comment. */
  private Plan planOf(BillingAccount account, Instant now) {
    return switch (account.status()) {
      case ACTIVE -> account.subscribed();
      case PAST_DUE ->
          account.paymentFailedAt().orElse(now).plus(grace).isAfter(now)
              ? account.subscribed()
              : Plan.FREE;
      case NONE, INCOMPLETE, ENDED -> Plan.FREE;
    };
  }
}
