package io.killtoken.application.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.killtoken.domain.billing.PlanCatalog;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.tenant.InMemoryTenantRepository;
import io.killtoken.domain.tenant.Plan;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.tenant.TenantRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TenantPlansTest {

  private final InMemoryTenantRepository store = new InMemoryTenantRepository();
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
              if (down.get()) {
                throw new IllegalStateException("store unreachable");
              }
              return store.find(id);
            }

            @Override
            public Page<Tenant> listAll(PageRequest page) {
              return store.listAll(page);
            }
          },
          PlanCatalog.DEFAULTS);

  private Tenant tenant(Plan plan) {
    Tenant tenant = new Tenant(TenantId.random(), "Acme", plan, Instant.EPOCH);
    store.save(tenant);
    return tenant;
  }

  @Test
  void a_changed_plan_holds_on_the_next_call() {
    // Caching is the repository's job (the change-counter cache, ADR 0008), not a second timer
    // here.
    Tenant acme = tenant(Plan.FREE);
    assertEquals(Plan.FREE, plans.of(acme.id()));

    store.save(acme.withPlan(Plan.PRO));

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

    assertEquals(Plan.ENTERPRISE, plans.of(acme.id()));
    assertThrows(IllegalStateException.class, () -> plans.of(tenant(Plan.PRO).id()));
  }
}
