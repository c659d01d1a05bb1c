package io.killtoken.domain.tenant;

import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import java.util.Optional;

/** Port: where tenants are kept. */
public interface TenantRepository {

  /** Inserts the tenant, or replaces the stored one with the same id. */
  void save(Tenant tenant);

  Optional<Tenant> find(TenantId id);

  /** Every tenant, closed ones too, ordered by id, a page at a time (the cursor is the last id). */
  Page<Tenant> listAll(PageRequest page);
}
