package io.killtoken.adapters.memory.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.cache.CacheKey;
import io.killtoken.domain.cache.CachedAnswerCodec;
import io.killtoken.domain.cache.ResponseCache;
import io.killtoken.domain.cache.ResponseCacheContract;
import io.killtoken.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InMemoryResponseCacheTest extends ResponseCacheContract {

  private static final Duration HOUR = Duration.ofHours(1);

  private final TestClock clock = new TestClock();
  private final InMemoryResponseCache cache = new InMemoryResponseCache(clock);
  private final TenantId tenant = TenantId.random();

  @Override
  protected ResponseCache cache() {
    return cache;
  }

  @Override
  protected void letTimePass(Duration duration) {
    clock.advance(duration);
  }

  private static long entrySize() {
    return CachedAnswerCodec.encode(answer()).orElseThrow().length;
  }

  @Test
  void the_least_recently_used_entry_is_evicted_when_the_count_is_full() {
    InMemoryResponseCache small = new InMemoryResponseCache(clock, 1 << 20, 3);
    CacheKey first = keyFor(tenant, "1");
    small.put(first, answer(), HOUR);
    small.put(keyFor(tenant, "2"), answer(), HOUR);
    small.put(keyFor(tenant, "3"), answer(), HOUR);
    small.get(first);

    small.put(keyFor(tenant, "4"), answer(), HOUR);

    assertEquals(3, small.size());
    assertTrue(small.get(first).isPresent(), "read recently, so kept");
    assertTrue(small.get(keyFor(tenant, "2")).isEmpty(), "the least recently used went");
  }

  @Test
  void the_total_stored_bytes_never_pass_the_cap() {
    long cap = 5 * entrySize();
    InMemoryResponseCache small = new InMemoryResponseCache(clock, cap, 1_000);

    for (int i = 0; i < 50; i++) {
      small.put(keyFor(tenant, "n" + i), answer(), HOUR);
      assertTrue(small.bytes() <= cap, "bytes " + small.bytes() + " over " + cap);
    }

    assertEquals(5, small.size());
    assertTrue(small.get(keyFor(tenant, "n49")).isPresent());
  }

  @Test
  void expired_entries_make_room_before_live_ones_are_evicted() {
    InMemoryResponseCache small = new InMemoryResponseCache(clock, 1 << 20, 2);
    CacheKey lasting = keyFor(tenant, "lasting");
    small.put(lasting, answer(), HOUR);
    small.put(keyFor(tenant, "brief"), answer(), Duration.ofSeconds(1));
    small.get(keyFor(tenant, "brief"));
    clock.advance(Duration.ofSeconds(2));

    small.put(keyFor(tenant, "new"), answer(), HOUR);

    assertTrue(small.get(lasting).isPresent(), "the live entry stays though least recently used");
  }

  @Test
  void an_entry_larger_than_the_whole_cache_is_not_stored() {
    InMemoryResponseCache tiny = new InMemoryResponseCache(clock, entrySize() - 1, 10);

    tiny.put(keyFor(tenant, "big"), answer(), HOUR);

    assertEquals(0, tiny.size());
  }

  @Test
  void an_entry_lives_until_the_last_millisecond_of_its_time_to_live() {
    CacheKey key = keyFor(tenant, "edge");
    cache.put(key, answer(), HOUR);

    clock.advance(HOUR.minusMillis(1));
    assertTrue(cache.get(key).isPresent());
    clock.advance(Duration.ofMillis(1));
    assertTrue(cache.get(key).isEmpty());
  }

  @Test
  void bounds_below_one_are_refused() {
    assertThrows(IllegalArgumentException.class, () -> new InMemoryResponseCache(clock, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> new InMemoryResponseCache(clock, 10, 0));
  }

  /** A clock that moves only when the test says so. */
  private static final class TestClock implements InstantSource {

    private final AtomicReference<Instant> now =
        new AtomicReference<>(Instant.parse("2026-11-01T10:00:00Z"));

    @Override
    public Instant instant() {
      return now.get();
    }

    void advance(Duration duration) {
      now.updateAndGet(instant -> instant.plus(duration));
    }
  }
}
