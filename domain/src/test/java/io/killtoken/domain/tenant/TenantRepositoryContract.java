package io.killtoken.domain.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

  @Test
  void every_tenant_is_listed_once_page_by_page_in_id_order() {
    List<TenantId> saved = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Tenant one = tenant("Listed " + i);
      repository().save(one);
      saved.add(one.id());
    }
    List<String> seen = new ArrayList<>();
    PageRequest page = new PageRequest(2, Optional.empty());
    while (true) {
      Page<Tenant> found = repository().listAll(page);
      found.items().forEach(t -> seen.add(t.id().value()));
      if (found.nextCursor().isEmpty()) {
        break;
      }
      page = new PageRequest(2, found.nextCursor());
    }
    List<String> sorted = new ArrayList<>(seen);
    sorted.sort(null);
    assertEquals(sorted, seen, "in id order");
    assertEquals(seen.size(), new HashSet<>(seen).size(), "each once");
    assertTrue(seen.containsAll(saved.stream().map(TenantId::value).toList()));
  }
}
