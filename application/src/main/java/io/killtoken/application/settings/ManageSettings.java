package io.killtoken.application.settings;

import io.killtoken.domain.settings.SettingsRepository;
import io.killtoken.domain.settings.TenantSettings;
import io.killtoken.domain.tenant.TenantId;

/** Use cases: show and change a tenant's settings; a tenant without a record has the defaults. */
public final class ManageSettings {

  private final SettingsRepository settings;

  public ManageSettings(SettingsRepository settings) {
    this.settings = settings;
  }

  public TenantSettings show(TenantId tenant) {
    return settings.find(tenant).orElseGet(() -> TenantSettings.defaults(tenant));
  }

  public TenantSettings update(UpdateSettingsCommand command) {
    TenantSettings current = show(command.tenant());
    TenantSettings updated =
        new TenantSettings(
            command.tenant(),
            command.promptStorage().orElse(current.promptStorage()),
            command.cacheMode().orElse(current.cacheMode()),
            command.cacheTtl().orElse(current.cacheTtl()),
            command.retentionDays().orElse(current.retentionDays()),
            command.plainEndUserIds().orElse(current.plainEndUserIds()));
    settings.save(updated);
    return updated;
  }
}
