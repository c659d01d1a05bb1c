package io.killtoken.application.cache;

import io.killtoken.domain.cache.CacheStats;
import io.killtoken.domain.cache.ResponseCache;
import io.killtoken.domain.error.DependencyUnavailable;
import io.killtoken.domain.tenant.TenantId;
import java.time.Duration;

/** Use case: the calling tenant's response-cache statistics, and purging its entries (only its). */
public final class ManageCache {

  private static final String CODE = "cache_unavailable";

  /** About when the Redis breaker lets the next probe through. */
  private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private final ResponseCache cache;

  public ManageCache(ResponseCache cache) {
    this.cache = cache;
  }

  public CacheStats stats(TenantId tenant) {
    return cache
        .stats(tenant)
        .orElseThrow(
            () ->
                new DependencyUnavailable(
                    CODE, "The response cache cannot be reached.", RETRY_AFTER));
  }

  /** How many entries were removed. */
  public long purge(TenantId tenant) {
    return cache
        .purge(tenant)
        .orElseThrow(
            () ->
                new DependencyUnavailable(
                    CODE,
                    "The response cache cannot be reached; some entries may remain. Try again.",
                    RETRY_AFTER));
  }
}
