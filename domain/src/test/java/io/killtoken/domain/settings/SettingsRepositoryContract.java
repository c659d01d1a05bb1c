package io.killtoken.domain.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.tenant.TenantId;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SettingsRepository} must have; each implementation's test extends it.
 */
public abstract class SettingsRepositoryContract {

  protected abstract SettingsRepository repository();

  protected static TenantSettings chosen(TenantId tenant) {
    return new TenantSettings(tenant, true, CacheMode.ALL, Duration.ofSeconds(90_061), 3650, true);
  }

  @Test
  void a_new_tenant_has_no_stored_settings() {
    assertTrue(repository().find(TenantId.random()).isEmpty());
  }

  @Test
  void saved_settings_are_found_with_every_field() {
    TenantSettings settings = chosen(TenantId.random());

    repository().save(settings);

    assertEquals(Optional.of(settings), repository().find(settings.tenantId()));
  }

  @Test
  void the_defaults_round_trip_too() {
    TenantSettings defaults = TenantSettings.defaults(TenantId.random());

    repository().save(defaults);

    assertEquals(Optional.of(defaults), repository().find(defaults.tenantId()));
  }

  @Test
  void saving_again_replaces_the_settings() {
    TenantId tenant = TenantId.random();
    repository().save(chosen(tenant));
    TenantSettings changed =
        new TenantSettings(tenant, false, CacheMode.OFF, Duration.ofSeconds(1), 1, false);

    repository().save(changed);

    assertEquals(Optional.of(changed), repository().find(tenant));
  }

  @Test
  void tenants_settings_are_kept_apart() {
    TenantSettings mine = chosen(TenantId.random());
    TenantSettings theirs = TenantSettings.defaults(TenantId.random());
    repository().save(mine);
    repository().save(theirs);

    assertEquals(Optional.of(mine), repository().find(mine.tenantId()));
    assertEquals(Optional.of(theirs), repository().find(theirs.tenantId()));
  }

  @Test
  void deleting_a_tenants_settings_leaves_other_tenants_settings() {
    TenantSettings closing = chosen(TenantId.random());
    TenantSettings theirs = chosen(TenantId.random());
    repository().save(closing);
    repository().save(theirs);

    repository().delete(closing.tenantId());
    repository().delete(TenantId.random());

    assertTrue(repository().find(closing.tenantId()).isEmpty());
    assertEquals(Optional.of(theirs), repository().find(theirs.tenantId()));
  }
}
