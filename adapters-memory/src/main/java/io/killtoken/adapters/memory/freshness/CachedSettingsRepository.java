package io.killtoken.adapters.memory.freshness;

import io.killtoken.domain.freshness.ChangeCounter;
import io.killtoken.domain.settings.SettingsRepository;
import io.killtoken.domain.settings.TenantSettings;
import io.killtoken.domain.tenant.TenantId;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * {@link SettingsRepository} that answers the gateway's per-request cache-mode lookup from memory
 * while the shared {@link ChangeCounter} stands still, and advances it after every change.
 */
public final class CachedSettingsRepository implements SettingsRepository {

  private final SettingsRepository store;
  private final ChangeCounter counter;
  private final FreshCache<TenantId, Optional<TenantSettings>> byTenant;

  public CachedSettingsRepository(
      SettingsRepository store, ChangeCounter counter, InstantSource clock, Duration maxAge) {
    this.store = store;
    this.counter = counter;
    this.byTenant = new FreshCache<>(counter, clock, maxAge, 100_000);
  }

  @Override
  public Optional<TenantSettings> find(TenantId tenant) {
    return byTenant.get(tenant, () -> store.find(tenant));
  }

  @Override
  public void save(TenantSettings settings) {
    store.save(settings);
    byTenant.clear();
    counter.advance();
  }

  @Override
  public void delete(TenantId tenant) {
    store.delete(tenant);
    byTenant.clear();
    counter.advance();
  }
}
