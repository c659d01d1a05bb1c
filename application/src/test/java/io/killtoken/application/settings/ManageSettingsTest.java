package io.killtoken.application.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.settings.CacheMode;
import io.killtoken.domain.settings.InMemorySettingsRepository;
import io.killtoken.domain.settings.TenantSettings;
import io.killtoken.domain.tenant.TenantId;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManageSettingsTest {

  private final TenantId tenantA = TenantId.random();
  private final TenantId tenantB = TenantId.random();
  private final InMemorySettingsRepository repository = new InMemorySettingsRepository();
  private final ManageSettings settings = new ManageSettings(repository);

  private static UpdateSettingsCommand change(TenantId tenant) {
    return new UpdateSettingsCommand(
        tenant,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  @Test
  void a_new_tenant_has_the_defaults_with_prompt_storage_off() {
    TenantSettings shown = settings.show(tenantA);

    assertFalse(shown.promptStorage());
    assertEquals(tenantA, shown.tenantId());
    assertEquals(CacheMode.DETERMINISTIC, shown.cacheMode());
    assertEquals(Duration.ofHours(24), shown.cacheTtl());
    assertEquals(90, shown.retentionDays());
  }

  @Test
  void a_partial_update_changes_only_the_given_field() {
    TenantSettings updated =
        settings.update(
            new UpdateSettingsCommand(
                tenantA,
                Optional.of(true),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));

    assertTrue(updated.promptStorage());
    assertEquals(
        new TenantSettings(tenantA, true, CacheMode.DETERMINISTIC, Duration.ofHours(24), 90, false),
        settings.show(tenantA));

    settings.update(
        new UpdateSettingsCommand(
            tenantA,
            Optional.empty(),
            Optional.empty(),
            Optional.of(Duration.ofMinutes(5)),
            Optional.empty(),
            Optional.empty()));

    assertEquals(
        new TenantSettings(
            tenantA, true, CacheMode.DETERMINISTIC, Duration.ofMinutes(5), 90, false),
        settings.show(tenantA),
        "the earlier change survives a later one to another field");
  }

  @Test
  void every_field_can_be_changed_at_once() {
    settings.update(
        new UpdateSettingsCommand(
            tenantA,
            Optional.of(true),
            Optional.of(CacheMode.ALL),
            Optional.of(Duration.ofDays(30)),
            Optional.of(3650),
            Optional.empty()));

    assertEquals(
        new TenantSettings(tenantA, true, CacheMode.ALL, Duration.ofDays(30), 3650, false),
        settings.show(tenantA));
  }

  @Test
  void prompt_storage_can_be_turned_off_again() {
    settings.update(
        new UpdateSettingsCommand(
            tenantA,
            Optional.of(true),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
    settings.update(
        new UpdateSettingsCommand(
            tenantA,
            Optional.of(false),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));

    assertFalse(settings.show(tenantA).promptStorage());
  }

  @Test
  void an_update_with_nothing_given_keeps_the_defaults() {
    assertEquals(TenantSettings.defaults(tenantA), settings.update(change(tenantA)));
  }

  @Test
  void one_tenants_update_does_not_touch_another_tenants_settings() {
    settings.update(
        new UpdateSettingsCommand(
            tenantA,
            Optional.of(true),
            Optional.of(CacheMode.OFF),
            Optional.empty(),
            Optional.of(7),
            Optional.empty()));

    assertEquals(TenantSettings.defaults(tenantB), settings.show(tenantB));
  }

  static Stream<Arguments> out_of_range() {
    return Stream.of(
        Arguments.of(Optional.of(Duration.ZERO), Optional.empty(), "'cache_ttl_seconds'"),
        Arguments.of(Optional.of(Duration.ofMillis(999)), Optional.empty(), "'cache_ttl_seconds'"),
        Arguments.of(Optional.of(Duration.ofSeconds(-1)), Optional.empty(), "'cache_ttl_seconds'"),
        Arguments.of(
            Optional.of(Duration.ofDays(30).plusSeconds(1)),
            Optional.empty(),
            "'cache_ttl_seconds'"),
        Arguments.of(Optional.empty(), Optional.of(0), "'retention_days'"),
        Arguments.of(Optional.empty(), Optional.of(-5), "'retention_days'"),
        Arguments.of(Optional.empty(), Optional.of(3651), "'retention_days'"));
  }

  @ParameterizedTest
  @MethodSource("out_of_range")
  void an_out_of_range_value_is_refused_naming_the_field_and_nothing_changes(
      Optional<Duration> ttl, Optional<Integer> retention, String field) {
    settings.update(
        new UpdateSettingsCommand(
            tenantA,
            Optional.of(true),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
    TenantSettings before = settings.show(tenantA);

    InvalidRequest refused =
        assertThrows(
            InvalidRequest.class,
            () ->
                settings.update(
                    new UpdateSettingsCommand(
                        tenantA,
                        Optional.of(false),
                        Optional.of(CacheMode.ALL),
                        ttl,
                        retention,
                        Optional.empty())));

    assertTrue(refused.getMessage().contains(field), refused.getMessage());
    assertEquals(before, settings.show(tenantA));
  }

  @Test
  void the_bounds_themselves_are_accepted() {
    settings.update(
        new UpdateSettingsCommand(
            tenantA,
            Optional.empty(),
            Optional.empty(),
            Optional.of(Duration.ofSeconds(1)),
            Optional.of(1),
            Optional.empty()));

    assertEquals(Duration.ofSeconds(1), settings.show(tenantA).cacheTtl());
    assertEquals(1, settings.show(tenantA).retentionDays());
  }
}
