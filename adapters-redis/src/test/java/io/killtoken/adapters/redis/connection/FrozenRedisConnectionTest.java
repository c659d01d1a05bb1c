package io.killtoken.adapters.redis.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.adapters.redis.RedisFixture;
import io.killtoken.adapters.redis.health.RedisProbe;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The client {@link RedisConnection#open} builds, against a real redis-server frozen with SIGSTOP
 * (connections stay open, replies never come) and thawed with SIGCONT.
 */
class FrozenRedisConnectionTest {

  private static final Duration TIMEOUT = Duration.ofMillis(500);

  @Test
  void many_commands_to_a_frozen_redis_wait_one_timeout_in_all_and_it_is_asked_again_after_a_thaw()
      throws InterruptedException {
    try (RedisFixture own = RedisFixture.dedicated();
        RedisClient redis = RedisConnection.open(own.url(), TIMEOUT)) {
      String key = "kt:test:" + UUID.randomUUID();
      redis.set(key, "before");
      RedisProbe probe = new RedisProbe(redis);

      own.freeze();
      long started = System.nanoTime();
      for (int i = 0; i < 10; i++) {
        assertThrows(JedisConnectionException.class, () -> redis.get(key));
      }
      Duration tenCommands = Duration.ofNanos(System.nanoTime() - started);
      started = System.nanoTime();
      boolean healthy = probe.healthy();
      Duration probed = Duration.ofNanos(System.nanoTime() - started);
      own.thaw();

      assertTrue(
          tenCommands.compareTo(TIMEOUT.plusMillis(300)) <= 0,
          "ten commands took " + tenCommands + ": one timeout, then none is sent");
      assertFalse(healthy, "readiness says Redis is down while it is not asked");
      assertTrue(probed.compareTo(Duration.ofMillis(100)) < 0, "and says so at once: " + probed);
      assertTrue(eventually(probe), "healthy again after the thaw");
      assertEquals("before", redis.get(key));
    }
  }

  @Test
  void a_redis_that_stays_frozen_is_probed_in_the_background_and_no_caller_waits_for_it()
      throws InterruptedException {
    try (RedisFixture own = RedisFixture.dedicated();
        RedisClient redis = RedisConnection.open(own.url(), TIMEOUT)) {
      redis.ping();
      own.freeze();
      try {
        assertThrows(JedisConnectionException.class, redis::ping);
        long started = System.nanoTime();
        int refused = 0;
        // Several pauses end in these three seconds; each starts a probe that times out.
        while (System.nanoTime() - started < Duration.ofSeconds(3).toNanos()) {
          long one = System.nanoTime();
          assertThrows(JedisConnectionException.class, redis::ping);
          assertTrue(
              System.nanoTime() - one < Duration.ofMillis(100).toNanos(),
              "a caller never waits for Redis while the breaker is open");
          refused++;
          Thread.sleep(20);
        }
        assertTrue(refused > 50, "callers kept being answered: " + refused);
      } finally {
        own.thaw();
      }
      assertTrue(eventually(new RedisProbe(redis)), "healthy again after the thaw");
    }
  }

  /** The longest pause is 8 s: the next probe after the thaw comes within it. */
  private static boolean eventually(RedisProbe probe) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(12).toNanos();
    while (System.nanoTime() < deadline) {
      if (probe.healthy()) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }
}
