package io.killtoken.application.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.killtoken.application.testing.TestClock;
import io.killtoken.domain.tenant.InMemoryTenantRepository;
import io.killtoken.domain.tenant.Plan;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.tenant.TenantRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TenantPlansTest {

  private final TestClock clock = new TestClock();
  private final InMemoryTenantRepository store = new InMemoryTenantRepository();
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicBoolean down = new AtomicBoolean();
  private final TenantPlans plans =
      new TenantPlans(
          new TenantRepository() {
            @Override
            public void save(Tenant tenant) {
              store.save(tenant);
            }

            @Override
            public Optional<Tenant> find(TenantId id) {
              reads.incrementAndGet();
              if (down.get()) {
                throw new IllegalStateException("store unreachable");
              }
              return store.find(id);
            }
          },
          clock);

  private Tenant tenant(Plan plan) {
    Tenant tenant = new Tenant(TenantId.random(), "Acme", plan, Instant.EPOCH);
    store.save(tenant);
    return tenant;
  }

  @Test
  void a_plan_is_read_once_in_its_freshness_window() {
    Tenant acme = tenant(Plan.PRO);

    for (int i = 0; i < 100; i++) {
      assertEquals(Plan.PRO, plans.of(acme.id()));
    }

    assertEquals(1, reads.get());
  }

  @Test
  void a_changed_plan_is_seen_once_the_window_has_passed() {
    Tenant acme = tenant(Plan.FREE);
    plans.of(acme.id());
    store.save(acme.withPlan(Plan.PRO));

    clock.advance(TenantPlans.FRESHNESS.minusMillis(1));
    assertEquals(Plan.FREE, plans.of(acme.id()));
    clock.advance(Duration.ofMillis(1));
    assertEquals(Plan.PRO, plans.of(acme.id()));
  }

  @Test
  void an_unknown_tenant_gets_the_most_restrictive_plan() {
    assertEquals(Plan.FREE, plans.of(TenantId.random()));
  }

  @Test
  void while_the_store_fails_the_last_plan_read_is_used() {
    Tenant acme = tenant(Plan.ENTERPRISE);
    plans.of(acme.id());
    down.set(true);
    clock.advance(Duration.ofMinutes(5));

    assertEquals(Plan.ENTERPRISE, plans.of(acme.id()));
    assertThrows(IllegalStateException.class, () -> plans.of(tenant(Plan.PRO).id()));
  }
}
