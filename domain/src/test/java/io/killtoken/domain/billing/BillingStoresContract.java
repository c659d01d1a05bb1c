package io.killtoken.domain.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.tenant.Plan;
import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link BillingAccountRepository} and {@link ProcessedEvents} must do. */
public abstract class BillingStoresContract {

  protected abstract BillingAccountRepository accounts();

  protected abstract ProcessedEvents events();

  private static BillingAccount subscribed(TenantId tenant, String customer) {
    return new BillingAccount(
        tenant,
        Optional.of(customer),
        Optional.of("sub_" + UUID.randomUUID()),
        SubscriptionStatus.PAST_DUE,
        Plan.PRO,
        Optional.of(Instant.parse("2026-12-31T00:00:00Z")),
        Optional.of(Instant.parse("2026-12-01T10:00:00Z")),
        Optional.of(Instant.parse("2026-12-02T10:00:00Z")));
  }

  @Test
  void an_account_is_found_by_tenant_and_by_customer_exactly_as_saved() {
    TenantId tenant = TenantId.random();
    String customer = "cus_" + UUID.randomUUID();
    BillingAccount account = subscribed(tenant, customer);
    accounts().save(account);

    assertEquals(Optional.of(account), accounts().find(tenant));
    assertEquals(Optional.of(account), accounts().findByCustomer(customer));
    assertEquals(Optional.empty(), accounts().findByCustomer("cus_someone_else"));
  }

  @Test
  void saving_again_replaces_and_an_account_without_a_customer_round_trips() {
    TenantId tenant = TenantId.random();
    accounts().save(BillingAccount.none(tenant));
    assertEquals(Optional.of(BillingAccount.none(tenant)), accounts().find(tenant));
    BillingAccount withCustomer = BillingAccount.none(tenant).withCustomer("cus_" + tenant.value());
    accounts().save(withCustomer);

    assertEquals(Optional.of(withCustomer), accounts().find(tenant));
    accounts().delete(tenant);
    assertEquals(Optional.empty(), accounts().find(tenant));
  }

  @Test
  void an_event_id_is_claimed_once_even_by_concurrent_claims() throws Exception {
    String id = "evt_" + UUID.randomUUID();
    List<Future<Boolean>> claims = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 8; i++) {
        claims.add(pool.submit(() -> events().claim(id)));
      }
    }
    long won = 0;
    for (Future<Boolean> claim : claims) {
      won += claim.get() ? 1 : 0;
    }
    assertEquals(1, won);
    assertFalse(events().claim(id), "a replay");
  }

  @Test
  void a_released_claim_can_be_claimed_again() {
    String id = "evt_" + UUID.randomUUID();
    assertTrue(events().claim(id));
    events().release(id);
    assertTrue(events().claim(id));
  }
}
