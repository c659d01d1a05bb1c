package io.killtoken.application.billing;

import io.killtoken.domain.billing.BillingAccount;
import io.killtoken.domain.billing.BillingAccountRepository;
import io.killtoken.domain.billing.BillingGateway;
import io.killtoken.domain.billing.PlanCatalog;
import io.killtoken.domain.billing.PlanTerms;
import io.killtoken.domain.error.Conflict;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.limit.CalendarMonth;
import io.killtoken.domain.tenant.Plan;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.tenant.TenantRepository;
import java.net.URI;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;

/**
 * Use cases: a tenant's plan and quota, and the Stripe Checkout and Customer Portal links that
 * change it. Without Stripe configured, the plan and quota still show and the links are refused
 * with a clear {@code billing_not_configured} answer.
 */
public final class ManageBilling {

  private final Optional<BillingGateway> stripe;
  private final BillingAccountRepository accounts;
  private final TenantRepository tenants;
  private final PlanCatalog plans;
  private final QuotaCounter quota;
  private final URI dashboard;
  private final InstantSource clock;

  /**
   * @param stripe empty when billing is not configured
   * @param dashboard the dashboard's billing page, where Stripe sends the tenant back
   */
  public ManageBilling(
      Optional<BillingGateway> stripe,
      BillingAccountRepository accounts,
      TenantRepository tenants,
      PlanCatalog plans,
      QuotaCounter quota,
      URI dashboard,
      InstantSource clock) {
    this.stripe = stripe;
    this.accounts = accounts;
    this.tenants = tenants;
    this.plans = plans;
    this.quota = quota;
    this.dashboard = dashboard;
    this.clock = clock;
  }

  public BillingView show(TenantId tenant) {
    Plan plan = tenants.find(tenant).orElseThrow().plan();
    BillingAccount account = accounts.find(tenant).orElseGet(() -> BillingAccount.none(tenant));
    PlanTerms terms = plans.of(plan);
    CalendarMonth month = CalendarMonth.of(clock.instant());
    return new BillingView(
        terms, account, quota.used(tenant, month), month, stripe.isPresent(), plans.all());
  }

  /** A Checkout Session URL for {@code plan}; creates the tenant's Stripe customer once. */
  public URI checkout(TenantId tenant, Plan plan, Optional<String> email) {
    BillingGateway gateway = configured();
    String price =
        plans
            .of(plan)
            .stripePrice()
            .orElseThrow(
                () ->
                    new InvalidRequest(
                        "The "
                            + plan.name().toLowerCase(Locale.ROOT)
                            + " plan has no Stripe price: it needs no checkout."));
    BillingAccount account = accounts.find(tenant).orElseGet(() -> BillingAccount.none(tenant));
    String customer =
        account
            .customerId()
            .orElseGet(
                () -> {
                  // One key per tenant: concurrent first checkouts on any node create one customer.
                  String created =
                      gateway.createCustomer(tenant, email, "killtoken-customer-" + tenant.value());
                  accounts.save(account.withCustomer(created));
                  return created;
                });
    return gateway.checkout(
        customer,
        tenant,
        price,
        dashboard.resolve("?checkout=success"),
        dashboard.resolve("?checkout=cancel"));
  }

  /** A Customer Portal URL, for a tenant that has a Stripe customer. */
  public URI portal(TenantId tenant) {
    BillingGateway gateway = configured();
    String customer =
        accounts
            .find(tenant)
            .flatMap(BillingAccount::customerId)
            .orElseThrow(
                () ->
                    new Conflict(
                        "no_billing_customer",
                        "This account has no Stripe customer yet: subscribe through checkout"
                            + " first."));
    return gateway.portal(customer, dashboard);
  }

  private BillingGateway configured() {
    return stripe.orElseThrow(ManageBilling::notConfigured);
  }

  /** What every billing route answers while Stripe is not configured. */
  public static Conflict notConfigured() {
    return new Conflict(
        "billing_not_configured",
        "Billing is not configured on this server: set the KILLTOKEN_STRIPE_* variables.");
  }
}
