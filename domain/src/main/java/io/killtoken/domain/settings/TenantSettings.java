package io.killtoken.domain.settings;

import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.tenant.TenantId;
import java.time.Duration;
import java.util.Objects;

/**
 * A tenant's choices: prompt storage (off by default — privacy first), cache mode and time to live,
 * how many days usage records are kept, and whether end-user ids are stored as sent ({@code
 * plainEndUserIds}, off by default: they are stored as a keyed hash).
 */
public record TenantSettings(
    TenantId tenantId,
    boolean promptStorage,
    CacheMode cacheMode,
    Duration cacheTtl,
    int retentionDays,
    boolean plainEndUserIds) {

  public static final Duration MAX_CACHE_TTL = Duration.ofDays(30);
  public static final int MAX_RETENTION_DAYS = 3650;

  public TenantSettings {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(cacheMode, "cacheMode");
    Objects.requireNonNull(cacheTtl, "cacheTtl");
    if (cacheTtl.compareTo(Duration.ofSeconds(1)) < 0 || cacheTtl.compareTo(MAX_CACHE_TTL) > 0) {
      throw new InvalidRequest(
          "'cache_ttl_seconds' must be from 1 to " + MAX_CACHE_TTL.toSeconds() + ".");
    }
    if (retentionDays < 1 || retentionDays > MAX_RETENTION_DAYS) {
      throw new InvalidRequest("'retention_days' must be from 1 to " + MAX_RETENTION_DAYS + ".");
    }
  }

  /** What a new tenant starts with. */
  public static TenantSettings defaults(TenantId tenant) {
    return new TenantSettings(
        tenant, false, CacheMode.DETERMINISTIC, Duration.ofHours(24), 90, false);
  }
}
