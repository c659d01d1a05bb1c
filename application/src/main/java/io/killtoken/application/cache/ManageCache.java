package io.killtoken.application.cache;

import io.killtoken.domain.cache.CacheStats;
import io.killtoken.domain.cache.ResponseCache;
import io.killtoken.domain.error.DependencyUnavailable;
import io.killtoken.domain.tenant.TenantId;

/** Use case: the calling tenant's response-cache statistics, and purging its entries (only its). */
public final class ManageCache {

  private final ResponseCache cache;

  public ManageCache(ResponseCache cache) {
    this.cache = cache;
  }

  public CacheStats stats(TenantId tenant) {
    return cache
        .stats(tenant)
        .orElseThrow(() -> new DependencyUnavailable("The response cache cannot be reached."));
  }

  /** How many entries were removed. */
  public long purge(TenantId tenant) {
    return cache
        .purge(tenant)
        .orElseThrow(
            () ->
                new DependencyUnavailable(
                    "The response cache cannot be reached; some entries may remain. Try again."));
  }
}
