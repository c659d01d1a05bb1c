package io.killtoken.domain.settings;

import io.killtoken.domain.tenant.TenantId;
import java.util.Optional;

/** Port: where tenant settings are kept; a tenant without a stored record has the defaults. */
public interface SettingsRepository {

  Optional<TenantSettings> find(TenantId tenant);

  void save(TenantSettings settings);

  /** Forgets the tenant's settings (account closing). */
  void delete(TenantId tenant);
}
