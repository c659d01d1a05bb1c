package io.killtoken.domain.tenant;

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
}
