package io.killtoken.application.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.application.testing.TestClock;
import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.export.ExportFormat;
import io.killtoken.domain.export.ExportId;
import io.killtoken.domain.export.InMemoryExportRepository;
import io.killtoken.domain.export.UsageExport;
import io.killtoken.domain.fingerprint.PromptFingerprint;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.SealedSecret;
import io.killtoken.domain.settings.CacheMode;
import io.killtoken.domain.settings.InMemorySettingsRepository;
import io.killtoken.domain.settings.TenantSettings;
import io.killtoken.domain.tenant.InMemoryTenantRepository;
import io.killtoken.domain.tenant.Plan;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.CacheResult;
import io.killtoken.domain.usage.InMemoryUsageStore;
import io.killtoken.domain.usage.RollupGrain;
import io.killtoken.domain.usage.TokenUsage;
import io.killtoken.domain.usage.UsageAttribution;
import io.killtoken.domain.usage.UsageFilter;
import io.killtoken.domain.usage.UsageId;
import io.killtoken.domain.usage.UsageMetric;
import io.killtoken.domain.usage.UsageStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PurgeExpiredUsageTest {

  private static final Instant NOW = Instant.parse("2026-08-15T12:00:00Z");
  private static final Instant FAR_FROM = Instant.parse("2000-01-01T00:00:00Z");

  private final TestClock clock = new TestClock(NOW);
  private final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
  private final InMemorySettingsRepository settings = new InMemorySettingsRepository();
  private final InMemoryUsageStore usage = new InMemoryUsageStore();
  private final InMemoryExportRepository exports = new InMemoryExportRepository();
  private final PurgeExpiredUsage purge =
      new PurgeExpiredUsage(tenants, settings, usage, exports, clock);

  private Tenant tenant() {
    Tenant tenant =
        new Tenant(TenantId.random(), "Acme", Plan.FREE, NOW.minus(Duration.ofDays(900)));
    tenants.save(tenant);
    return tenant;
  }

  private UsageMetric call(TenantId tenant, Instant at, Optional<SealedSecret> prompt) {
    return new UsageMetric(
        UsageId.random(),
        tenant,
        new ApiKeyId("key_purge_001"),
        new ProviderId("openai"),
        "gpt-4o-mini",
        new TokenUsage(10, 5, 0),
        new MicroDollars(10),
        Duration.ofMillis(20),
        Duration.ofMillis(19),
        UsageStatus.OK,
        false,
        CacheResult.MISS,
        new PromptFingerprint("e".repeat(64)),
        false,
        TokenUsage.NONE,
        MicroDollars.ZERO,
        at,
        prompt,
        UsageAttribution.NONE);
  }

  private List<UsageMetric> records(TenantId tenant) {
    return usage.records(tenant, FAR_FROM, NOW, UsageFilter.ALL, PageRequest.first()).items();
  }

  @Test
  void records_past_each_tenants_retention_go_with_their_stored_prompts_and_the_rest_stay() {
    Tenant shortLived = tenant();
    Tenant defaults = tenant();
    settings.save(
        new TenantSettings(shortLived.id(), true, CacheMode.OFF, Duration.ofHours(1), 7, false));
    SealedSecret prompt = new SealedSecret("c2VhbGVkIHByb21wdA");
    UsageMetric old = call(shortLived.id(), NOW.minus(Duration.ofDays(8)), Optional.of(prompt));
    UsageMetric recent = call(shortLived.id(), NOW.minus(Duration.ofDays(6)), Optional.of(prompt));
    UsageMetric withinDefault =
        call(defaults.id(), NOW.minus(Duration.ofDays(89)), Optional.empty());
    UsageMetric pastDefault = call(defaults.id(), NOW.minus(Duration.ofDays(91)), Optional.empty());
    List.of(old, recent, withinDefault, pastDefault).forEach(usage::record);

    PurgeExpiredUsage.Purged purged = purge.run();

    assertEquals(List.of(recent), records(shortLived.id()));
    assertEquals(List.of(withinDefault), records(defaults.id()));
    assertEquals(2, purged.records());
    assertEquals(2, purge.run().tenants(), "a second run finds nothing more to remove");
    assertEquals(0, purge.run().records());
  }

  @Test
  void rollups_stay_as_long_as_the_longest_summary_range() {
    Tenant tenant = tenant();
    settings.save(
        new TenantSettings(tenant.id(), false, CacheMode.OFF, Duration.ofHours(1), 3650, false));
    usage.record(call(tenant.id(), NOW.minus(Duration.ofDays(366)), Optional.empty()));
    usage.record(call(tenant.id(), NOW.minus(Duration.ofDays(400)), Optional.empty()));

    purge.run();

    List<Instant> days =
        usage.rollups(tenant.id(), RollupGrain.DAY, FAR_FROM, NOW, UsageFilter.ALL).stream()
            .map(r -> r.start())
            .toList();
    assertEquals(List.of(RollupGrain.DAY.start(NOW.minus(Duration.ofDays(366)))), days);
  }

  @Test
  void a_closed_account_loses_its_records_rollups_and_exports_once_deletion_is_due() {
    Tenant tenant = tenant();
    tenants.save(tenant.closed(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(29))));
    usage.record(call(tenant.id(), NOW.minus(Duration.ofDays(2)), Optional.empty()));
    exports.save(
        new UsageExport(
            ExportId.random(),
            tenant.id(),
            ExportFormat.CSV,
            NOW.minus(Duration.ofDays(30)),
            NOW,
            UsageFilter.ALL,
            NOW));

    purge.run();
    assertEquals(1, records(tenant.id()).size(), "kept until the deletion is due");

    clock.advance(Duration.ofDays(29));
    purge.run();
    assertTrue(records(tenant.id()).isEmpty());
    assertTrue(
        usage
            .rollups(
                tenant.id(),
                RollupGrain.HOUR,
                FAR_FROM,
                NOW.plus(Duration.ofDays(30)),
                UsageFilter.ALL)
            .isEmpty());
    assertTrue(exports.list(tenant.id(), new PageRequest(10, Optional.empty())).items().isEmpty());
  }
}
