package io.killtoken.application.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.application.billing.HandleBillingEvent.Outcome;
import io.killtoken.application.testing.TestClock;
import io.killtoken.domain.billing.BillingAccount;
import io.killtoken.domain.billing.InMemoryBillingAccounts;
import io.killtoken.domain.billing.InMemoryProcessedEvents;
import io.killtoken.domain.billing.PlanCatalog;
import io.killtoken.domain.billing.PlanTerms;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.tenant.InMemoryTenantRepository;
import io.killtoken.domain.tenant.Plan;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook events moving a tenant's plan: once each, in any order, never backwards. */
class HandleBillingEventTest {

  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  private static final Duration GRACE = Duration.ofDays(7);

  private final ScriptedStripe stripe = new ScriptedStripe();
  private final InMemoryProcessedEvents processed = new InMemoryProcessedEvents();
  private final InMemoryBillingAccounts accounts = new InMemoryBillingAccounts();
  private final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
  private final TestClock clock = new TestClock(NOW);
  private final PlanCatalog plans =
      new PlanCatalog(
          List.of(
              new PlanTerms(Plan.PRO, 1_000_000, 3_000, "$49", Optional.of("price_pro")),
              new PlanTerms(
                  Plan.ENTERPRISE, Long.MAX_VALUE, 1_000_000, "call", Optional.of("price_ent"))));
  private final HandleBillingEvent handle =
      new HandleBillingEvent(stripe, processed, accounts, tenants, plans, GRACE, clock);
  private final TenantId tenant = TenantId.random();

  @BeforeEach
  void aFreeTenantWithACustomer() {
    tenants.save(new Tenant(tenant, "Acme", Plan.FREE, NOW));
    accounts.save(BillingAccount.none(tenant).withCustomer("cus_acme"));
  }

  private Outcome deliver(String id, String type, String subscription) {
    return handle.handle(ScriptedStripe.payload(id, type, subscription), ScriptedStripe.SIGNED);
  }

  private Plan plan() {
    return tenants.find(tenant).orElseThrow().plan();
  }

  @Test
  void an_active_subscription_moves_the_tenant_to_its_plan_and_deleting_it_back_to_free() {
    stripe.subscription("sub_1", "cus_acme", "active", "price_pro");
    assertEquals(Outcome.APPLIED, deliver("evt_1", "checkout.session.completed", "sub_1"));
    assertEquals(Plan.PRO, plan());
    assertEquals(Optional.of("sub_1"), accounts.find(tenant).orElseThrow().subscriptionId());

    stripe.subscription("sub_1", "cus_acme", "canceled", "price_pro");
    assertEquals(Outcome.APPLIED, deliver("evt_2", "customer.subscription.deleted", "sub_1"));
    assertEquals(Plan.FREE, plan());
  }

  @Test
  void a_replayed_event_is_acknowledged_and_changes_nothing() {
    stripe.subscription("sub_1", "cus_acme", "active", "price_pro");
    deliver("evt_1", "customer.subscription.created", "sub_1");
    stripe.subscription("sub_1", "cus_acme", "active", "price_ent");

    assertEquals(Outcome.REPLAYED, deliver("evt_1", "customer.subscription.created", "sub_1"));
    assertEquals(Plan.PRO, plan());
  }

  @Test
  void an_event_arriving_after_a_later_one_never_moves_the_plan_backwards() {
    // Stripe sent created (active) then deleted; deleted arrives first, created last.
    stripe.subscription("sub_1", "cus_acme", "canceled", "price_pro");
    deliver("evt_deleted", "customer.subscription.deleted", "sub_1");
    deliver("evt_created", "customer.subscription.created", "sub_1");

    assertEquals(Plan.FREE, plan(), "the subscription as it stands now is canceled");
  }

  @Test
  void an_older_subscription_ending_leaves_the_current_one_alone() {
    stripe.subscription("sub_new", "cus_acme", "active", "price_ent");
    deliver("evt_1", "customer.subscription.created", "sub_new");
    stripe.subscription("sub_old", "cus_acme", "canceled", "price_pro");

    assertEquals(Outcome.IGNORED, deliver("evt_2", "customer.subscription.deleted", "sub_old"));
    assertEquals(Plan.ENTERPRISE, plan());
  }

  @Test
  void an_event_for_an_unknown_customer_is_applied_to_no_tenant() {
    stripe.subscription("sub_x", "cus_stranger", "active", "price_ent");

    assertEquals(Outcome.UNKNOWN_CUSTOMER, deliver("evt_1", "invoice.paid", "sub_x"));
    assertEquals(Plan.FREE, plan());
  }

  @Test
  void a_failed_payment_keeps_the_plan_for_the_grace_period_then_free_and_paying_restores_it() {
    stripe.subscription("sub_1", "cus_acme", "active", "price_pro");
    deliver("evt_1", "customer.subscription.created", "sub_1");
    stripe.subscription("sub_1", "cus_acme", "past_due", "price_pro");

    deliver("evt_2", "invoice.payment_failed", "sub_1");
    assertEquals(Plan.PRO, plan(), "within the grace period");
    clock.advance(GRACE.plusMinutes(1));
    deliver("evt_3", "customer.subscription.updated", "sub_1");
    assertEquals(Plan.FREE, plan(), "past the grace period, counted from the first failure");

    stripe.subscription("sub_1", "cus_acme", "active", "price_pro");
    deliver("evt_4", "invoice.paid", "sub_1");
    assertEquals(Plan.PRO, plan());
    assertEquals(Optional.empty(), accounts.find(tenant).orElseThrow().paymentFailedAt());
  }

  @Test
  void a_forged_event_changes_nothing_and_claims_no_id() {
    stripe.subscription("sub_1", "cus_acme", "active", "price_ent");
    String payload = ScriptedStripe.payload("evt_1", "customer.subscription.created", "sub_1");

    assertThrows(InvalidRequest.class, () -> handle.handle(payload, "forged"));
    assertEquals(Plan.FREE, plan());
    assertTrue(processed.claim("evt_1"), "the id was never claimed");
  }

  @Test
  void an_event_stripe_cannot_be_asked_about_is_given_back_for_stripes_retry() {
    stripe.subscription("sub_1", "cus_acme", "active", "price_pro");
    stripe.down = true;
    assertThrows(
        RuntimeException.class, () -> deliver("evt_1", "customer.subscription.created", "sub_1"));
    stripe.down = false;

    assertEquals(Outcome.APPLIED, deliver("evt_1", "customer.subscription.created", "sub_1"));
    assertEquals(Plan.PRO, plan());
  }

  @Test
  void events_that_move_no_plan_are_acknowledged_and_ignored() {
    assertEquals(Outcome.IGNORED, deliver("evt_1", "customer.updated", "sub_1"));
  }
}
