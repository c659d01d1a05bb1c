package io.killtoken.application.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.killtoken.application.testing.TestClock;
import io.killtoken.domain.cache.CacheStats;
import io.killtoken.domain.cache.RecordingResponseCache;
import io.killtoken.domain.error.DependencyUnavailable;
import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManageCacheTest {

  private final RecordingResponseCache cache =
      new RecordingResponseCache(new TestClock(Instant.parse("2026-11-29T10:00:00Z")));
  private final ManageCache manage = new ManageCache(cache);

  @Test
  void a_tenant_without_entries_sees_empty_stats_and_purges_nothing() {
    TenantId tenant = TenantId.random();

    assertEquals(CacheStats.EMPTY, manage.stats(tenant));
    assertEquals(0, manage.purge(tenant));
  }

  @Test
  void a_cache_that_cannot_be_reached_is_reported_rather_than_shown_as_empty() {
    cache.goDown();

    assertThrows(DependencyUnavailable.class, () -> manage.stats(TenantId.random()));
    assertThrows(DependencyUnavailable.class, () -> manage.purge(TenantId.random()));
  }
}
