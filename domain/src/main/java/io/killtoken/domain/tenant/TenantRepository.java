package io.killtoken.domain.tenant;

import java.util.Optional;

/** Port: where tenants are kept. */
public interface TenantRepository {

  /** Inserts the tenant, or replaces the stored one with the same id. */
  void save(Tenant tenant);

  Optional<Tenant> find(TenantId id);
}
