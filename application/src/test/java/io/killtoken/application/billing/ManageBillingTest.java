package io.killtoken.application.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.application.testing.TestClock;
import io.killtoken.domain.billing.InMemoryBillingAccounts;
import io.killtoken.domain.billing.PlanCatalog;
import io.killtoken.domain.billing.PlanTerms;
import io.killtoken.domain.error.Conflict;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.tenant.InMemoryTenantRepository;
import io.killtoken.domain.tenant.Plan;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.tenant.TenantId;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManageBillingTest {

  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  private static final URI DASHBOARD = URI.create("https://kt.example.com/billing");

  private final ScriptedStripe stripe = new ScriptedStripe();
  private final InMemoryBillingAccounts accounts = new InMemoryBillingAccounts();
  private final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
  private final PlanCatalog plans =
      new PlanCatalog(
          List.of(
              new PlanTerms(Plan.FREE, 100, 5, "$0", Optional.empty()),
              new PlanTerms(Plan.PRO, 1_000, 50, "$49", Optional.of("price_pro"))));
  private final TenantId tenant = TenantId.random();

  private ManageBilling billing(boolean configured) {
    tenants.save(new Tenant(tenant, "Acme", Plan.FREE, NOW));
    return new ManageBilling(
        configured ? Optional.of(stripe) : Optional.empty(),
        accounts,
        tenants,
        plans,
        (who, month) -> who.equals(tenant) ? 42 : 0,
        DASHBOARD,
        new TestClock(NOW));
  }

  @Test
  void the_plan_its_quota_used_and_left_show_with_or_without_stripe() {
    BillingView shown = billing(false).show(tenant);

    assertEquals(Plan.FREE, shown.terms().plan());
    assertEquals(42, shown.quotaUsed());
    assertEquals(58, shown.quotaLeft());
    assertFalse(shown.configured());
    assertEquals("2026-12", shown.month().label());
  }

  @Test
  void without_stripe_checkout_and_portal_say_billing_is_not_configured() {
    ManageBilling billing = billing(false);

    Conflict checkout =
        assertThrows(Conflict.class, () -> billing.checkout(tenant, Plan.PRO, Optional.empty()));
    Conflict portal = assertThrows(Conflict.class, () -> billing.portal(tenant));

    assertEquals("billing_not_configured", checkout.code());
    assertEquals("billing_not_configured", portal.code());
  }

  @Test
  void checkout_creates_the_customer_once_and_reuses_it() {
    ManageBilling billing = billing(true);

    URI first = billing.checkout(tenant, Plan.PRO, Optional.of("owner@example.com"));
    URI second = billing.checkout(tenant, Plan.PRO, Optional.of("owner@example.com"));

    assertEquals(first, second);
    assertEquals(List.of("killtoken-customer-" + tenant.value()), stripe.customersCreated);
    assertTrue(first.toString().endsWith("/price_pro"), first.toString());
  }

  @Test
  void a_plan_without_a_price_needs_no_checkout_and_the_portal_needs_a_customer() {
    ManageBilling billing = billing(true);

    assertThrows(InvalidRequest.class, () -> billing.checkout(tenant, Plan.FREE, Optional.empty()));
    Conflict portal = assertThrows(Conflict.class, () -> billing.portal(tenant));
    assertEquals("no_billing_customer", portal.code());
  }
}
