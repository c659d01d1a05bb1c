package io.killtoken.domain.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TenantRepository} must have; each implementation's test extends it.
 */
public abstract class TenantRepositoryContract {

  private static final Instant CREATED = Instant.parse("2026-11-01T10:15:30.123Z");

  protected abstract TenantRepository repository();

  protected static Tenant tenant(String name) {
    return new Tenant(TenantId.random(), name, Plan.FREE, CREATED.truncatedTo(ChronoUnit.MILLIS));
  }

  @Test
  void a_saved_tenant_is_found_by_its_id_with_every_field() {
    Tenant acme = tenant("Acme Ünïcode 🚀");
    repository().save(acme);

    assertEquals(Optional.of(acme), repository().find(acme.id()));
  }

  @Test
  void an_unknown_id_finds_nothing() {
    assertTrue(repository().find(TenantId.random()).isEmpty());
  }

  @Test
  void saving_again_replaces_the_tenant_instead_of_adding_one() {
    Tenant acme = tenant("Acme");
    repository().save(acme);
    repository().save(acme.withPlan(Plan.PRO));

    assertEquals(Plan.PRO, repository().find(acme.id()).orElseThrow().plan());
  }

  @Test
  void tenants_are_kept_apart() {
    Tenant a = tenant("A");
    Tenant b = tenant("B");
    repository().save(a);
    repository().save(b);

    assertEquals("A", repository().find(a.id()).orElseThrow().name());
    assertEquals("B", repository().find(b.id()).orElseThrow().name());
    assertNotEquals(a.id(), b.id());
  }
}
