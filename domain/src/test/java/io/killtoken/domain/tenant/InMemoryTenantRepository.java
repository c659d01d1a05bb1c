package io.killtoken.domain.tenant;

import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory twin of {@link TenantRepository} for tests with no infrastructure. */
public final class InMemoryTenantRepository implements TenantRepository {

  private final Map<TenantId, Tenant> tenants = new ConcurrentHashMap<>();

  @Override
  public void save(Tenant tenant) {
    tenants.put(tenant.id(), tenant);
  }

  @Override
  public Optional<Tenant> find(TenantId id) {
    return Optional.ofNullable(tenants.get(id));
  }

  @Override
  public Page<Tenant> listAll(PageRequest page) {
    return Page.of(
        tenants.values().stream()
            .filter(t -> page.after().map(a -> t.id().value().compareTo(a) > 0).orElse(true))
            .sorted(Comparator.comparing(t -> t.id().value()))
            .limit(page.limit() + 1L)
            .toList(),
        page.limit(),
        t -> t.id().value());
  }
}
