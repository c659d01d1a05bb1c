package io.killtoken.domain.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RecordingResponseCacheTest extends ResponseCacheContract {

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-05-01T00:00:00Z"));
  private final RecordingResponseCache cache = new RecordingResponseCache(now::get);

  @Override
  protected ResponseCache cache() {
    return cache;
  }

  @Override
  protected void letTimePass(Duration duration) {
    now.updateAndGet(instant -> instant.plus(duration));
  }

  @Test
  void a_cache_that_is_down_misses_skips_and_answers_empty_without_throwing() {
    TenantId tenant = TenantId.random();
    CacheKey key = keyFor(tenant, "down");
    cache.put(key, answer(), Duration.ofHours(1));
    cache.goDown();

    cache.put(keyFor(tenant, "later"), answer(), Duration.ofHours(1));

    assertEquals(Optional.empty(), cache.get(key));
    assertEquals(Optional.empty(), cache.stats(tenant));
    assertEquals(OptionalLong.empty(), cache.purge(tenant));
    assertEquals(2, cache.puts().size(), "the skipped put is still recorded");
    assertTrue(cache.puts().get(1).key().equals(keyFor(tenant, "later")));
  }
}
