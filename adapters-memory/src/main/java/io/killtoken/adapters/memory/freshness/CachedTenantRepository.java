package io.killtoken.adapters.memory.freshness;

import io.killtoken.domain.freshness.ChangeCounter;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.tenant.TenantRepository;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * {@link TenantRepository} that answers the gateway's per-request plan lookup from memory while the
 * shared {@link ChangeCounter} stands still, and advances it after every change.
 */
public final class CachedTenantRepository implements TenantRepository {

  private final TenantRepository store;
  private final ChangeCounter counter;
  private final FreshCache<TenantId, Optional<Tenant>> byId;

  public CachedTenantRepository(
      TenantRepository store, ChangeCounter counter, InstantSource clock, Duration maxAge) {
    this.store = store;
    this.counter = counter;
    this.byId = new FreshCache<>(counter, clock, maxAge, 100_000);
  }

  @Override
  public Optional<Tenant> find(TenantId id) {
    Optional<Tenant> tenant = byId.get(id, () -> store.find(id));
    if (tenant.isEmpty()) {
      byId.forget(id);
    }
    return tenant;
  }

  @Override
  public void save(Tenant tenant) {
    store.save(tenant);
    byId.clear();
    counter.advance();
  }

  /** Not cached: the retention job reads every tenant as stored. */
  @Override
  public Page<Tenant> listAll(PageRequest page) {
    return store.listAll(page);
  }
}
