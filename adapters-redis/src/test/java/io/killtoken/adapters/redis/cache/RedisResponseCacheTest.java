package io.killtoken.adapters.redis.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.adapters.redis.RedisFixture;
import io.killtoken.adapters.redis.connection.RedisConnection;
import io.killtoken.domain.cache.CacheKey;
import io.killtoken.domain.cache.CacheStats;
import io.killtoken.domain.cache.CachedAnswerCodec;
import io.killtoken.domain.cache.ResponseCache;
import io.killtoken.domain.cache.ResponseCacheContract;
import io.killtoken.domain.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class RedisResponseCacheTest extends ResponseCacheContract {

  private static final Duration HOUR = Duration.ofHours(1);

  private static RedisClient redis;
  private static RedisResponseCache cache;

  private final TenantId tenant = TenantId.random();

  @BeforeAll
  static void connect() {
    redis = RedisConnection.open(RedisFixture.shared().url(), Duration.ofSeconds(2));
    cache = new RedisResponseCache(redis);
  }

  @AfterAll
  static void disconnect() {
    redis.close();
  }

  @Override
  protected ResponseCache cache() {
    return cache;
  }

  @Override
  protected void letTimePass(Duration duration) throws InterruptedException {
    // Redis expires keys on its own clock; a small margin covers the trip there and back.
    Thread.sleep(duration.plusMillis(50));
  }

  private String prefix() {
    return "kt:cache:{" + tenant.value() + "}:";
  }

  @Test
  void key_names_carry_the_tenant_and_the_digest_and_never_the_prompt() {
    CacheKey key = keyFor(tenant, "a very private prompt");
    cache.put(key, answer(), HOUR);
    cache.get(key);

    Set<String> names = redis.keys(prefix() + "*");

    assertEquals(
        Set.of(prefix() + key.digest(), prefix() + "index", prefix() + "meta", prefix() + "stats"),
        names);
    assertTrue(names.stream().noneMatch(name -> name.contains("private")), names.toString());
  }

  @Test
  void the_entry_is_the_codec_bytes_and_expires_with_its_time_to_live() {
    CacheKey key = keyFor(tenant, "stored form");
    cache.put(key, answer(), HOUR);

    byte[] entry = (prefix() + key.digest()).getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(CachedAnswerCodec.encode(answer()).orElseThrow(), redis.get(entry));
    long ttl = redis.pttl(entry);
    assertTrue(ttl > HOUR.toMillis() - 5_000 && ttl <= HOUR.toMillis(), "ttl " + ttl);
  }

  @Test
  void the_index_lives_as_long_as_its_longest_entry_and_no_longer() {
    cache.put(keyFor(tenant, "long"), answer(), HOUR);
    cache.put(keyFor(tenant, "short"), answer(), Duration.ofMinutes(1));

    long indexTtl = redis.pttl(prefix() + "index");
    long metaTtl = redis.pttl(prefix() + "meta");

    assertTrue(indexTtl > HOUR.toMillis() - 5_000 && indexTtl <= HOUR.toMillis(), "" + indexTtl);
    assertTrue(metaTtl > HOUR.toMillis() - 5_000 && metaTtl <= HOUR.toMillis(), "" + metaTtl);
  }

  @Test
  void an_entry_evicted_before_its_time_leaves_the_stats_at_its_next_lookup() {
    CacheKey key = keyFor(tenant, "evicted");
    cache.put(key, answer(), HOUR);
    redis.del(prefix() + key.digest());

    assertEquals(Optional.empty(), cache.get(key));

    CacheStats stats = cache.stats(tenant).orElseThrow();
    assertEquals(0, stats.entries());
    assertEquals(0, stats.bytes());
    assertEquals(1, stats.misses());
  }

  @Test
  void an_unreadable_entry_is_a_miss_and_is_dropped() {
    CacheKey key = keyFor(tenant, "damaged");
    cache.put(key, answer(), HOUR);
    byte[] entry = (prefix() + key.digest()).getBytes(StandardCharsets.UTF_8);
    redis.set(entry, new byte[] {9, 9, 9});

    assertEquals(Optional.empty(), cache.get(key));

    assertFalse(redis.exists(entry));
    assertEquals(0, cache.stats(tenant).orElseThrow().entries());
  }

  @Test
  void the_scripts_are_loaded_again_after_the_server_forgets_them() {
    CacheKey key = keyFor(tenant, "flushed");
    redis.scriptFlush();

    cache.put(key, answer(), HOUR);

    assertEquals(Optional.of(answer()), cache.get(key));
    assertTrue(cache.stats(tenant).isPresent());
  }

  @Test
  void purge_removes_more_entries_than_one_batch() {
    for (int i = 0; i < 1_200; i++) {
      cache.put(keyFor(tenant, "entry " + i), answer(), HOUR);
    }

    assertEquals(OptionalLong.of(1_200), cache.purge(tenant));

    assertEquals(Set.of(), redis.keys(prefix() + "*"), "no entry, index or size is left");
    assertEquals(0, cache.stats(tenant).orElseThrow().bytes());
  }

  @Test
  void while_redis_is_unreachable_reads_miss_writes_are_skipped_and_nothing_hangs() {
    try (RedisClient down =
        RedisConnection.open(RedisFixture.unreachableUrl(), Duration.ofMillis(500))) {
      RedisResponseCache unreachable = new RedisResponseCache(down);
      CacheKey key = keyFor(tenant, "nowhere");

      assertTimeoutPreemptively(
          Duration.ofSeconds(2),
          () -> {
            assertEquals(Optional.empty(), unreachable.get(key));
            unreachable.put(key, answer(), HOUR);
            assertEquals(Optional.empty(), unreachable.stats(tenant));
            assertEquals(OptionalLong.empty(), unreachable.purge(tenant));
          });
    }
  }

  @Test
  void the_cache_serves_again_once_redis_is_back() throws InterruptedException {
    try (RedisFixture own = RedisFixture.dedicated();
        RedisClient client = RedisConnection.open(own.url(), Duration.ofMillis(500))) {
      RedisResponseCache restarted = new RedisResponseCache(client);
      CacheKey key = keyFor(tenant, "outage");
      restarted.put(key, answer(), HOUR);
      own.stop();

      assertTimeoutPreemptively(
          Duration.ofSeconds(2),
          () -> {
            assertEquals(Optional.empty(), restarted.get(key));
            restarted.put(key, answer(), HOUR);
          });

      own.start();
      // Redis is asked again once the circuit breaker's next probe gets an answer (8 s at most).
      boolean served = false;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!served && System.nanoTime() < deadline) {
        restarted.put(key, answer(), HOUR);
        served = restarted.get(key).isPresent();
        Thread.sleep(20);
      }
      assertTrue(served, "hits again after the restart");
    }
  }
}
