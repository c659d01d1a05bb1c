package io.killtoken.domain.settings;

import io.killtoken.domain.tenant.TenantId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory twin of {@link SettingsRepository}; held to the same contract as the real ones. */
public final class InMemorySettingsRepository implements SettingsRepository {

  private final Map<TenantId, TenantSettings> settings = new ConcurrentHashMap<>();

  @Override
  public Optional<TenantSettings> find(TenantId tenant) {
    return Optional.ofNullable(settings.get(tenant));
  }

  @Override
  public void save(TenantSettings tenantSettings) {
    settings.put(tenantSettings.tenantId(), tenantSettings);
  }

  @Override
  public void delete(TenantId tenant) {
    settings.remove(tenant);
  }
}
