package io.killtoken.application.retention;

import io.killtoken.domain.export.ExportRepository;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.settings.SettingsRepository;
import io.killtoken.domain.settings.TenantSettings;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.tenant.TenantRepository;
import io.killtoken.domain.usage.RollupGrain;
import io.killtoken.domain.usage.ShadowCache;
import io.killtoken.domain.usage.UsageRetention;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Use case, run on a schedule by every node (each step is idempotent): removes each tenant's usage
 * records older than its {@code retention_days} (the prompts sealed in them go with them), rollups
 * older than the longest range the usage API serves, shadow cache entries no window can use any
 * more, and everything of a closed account once its usage deletion is due.
 */
public final class PurgeExpiredUsage {

  /** Rollups are kept as long as the longest summary range (366 days), and a day more. */
  public static final Duration ROLLUPS_KEPT = Duration.ofDays(367);

  /** What one run removed. */
  public record Purged(long tenants, long records, long rollups, long shadow, long closed) {}

  private final TenantRepository tenants;
  private final SettingsRepository settings;
  private final UsageRetention usage;
  private final ExportRepository exports;
  private final InstantSource clock;

  public PurgeExpiredUsage(
      TenantRepository tenants,
      SettingsRepository settings,
      UsageRetention usage,
      ExportRepository exports,
      InstantSource clock) {
    this.tenants = tenants;
    this.settings = settings;
    this.usage = usage;
    this.exports = exports;
    this.clock = clock;
  }

  public Purged run() {
    Instant now = clock.instant();
    long seen = 0;
    long records = 0;
    long rollups = 0;
    long closed = 0;
    PageRequest page = new PageRequest(PageRequest.MAX_LIMIT, Optional.empty());
    while (true) {
      Page<Tenant> found = tenants.listAll(page);
      for (Tenant tenant : found.items()) {
        seen++;
        if (tenant.closure().filter(c -> !now.isBefore(c.usageDeletionDue())).isPresent()) {
          closed += usage.deleteAllOf(tenant.id()) + exports.deleteAllOf(tenant.id());
          continue;
        }
        TenantSettings chosen =
            settings.find(tenant.id()).orElseGet(() -> TenantSettings.defaults(tenant.id()));
        records +=
            usage.deleteRecordsBefore(
                tenant.id(), now.minus(Duration.ofDays(chosen.retentionDays())));
        rollups +=
            usage.deleteRollupsBefore(tenant.id(), RollupGrain.DAY.start(now.minus(ROLLUPS_KEPT)));
      }
      if (found.nextCursor().isEmpty()) {
        break;
      }
      page = new PageRequest(PageRequest.MAX_LIMIT, found.nextCursor());
    }
    long shadow = usage.deleteShadowBefore(now.minus(ShadowCache.Window.WEEK.ttl()));
    return new Purged(seen, records, rollups, shadow, closed);
  }
}
