package io.killtoken.adapters.redis.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.adapters.redis.RedisFixture;
import io.killtoken.adapters.redis.connection.RedisConnection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class RedisProbeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  @Test
  void the_probe_is_named_redis() {
    try (RedisClient redis = RedisConnection.open(RedisFixture.shared().url(), TIMEOUT)) {
      assertEquals("redis", new RedisProbe(redis).name());
    }
  }

  @Test
  void a_running_redis_is_healthy() {
    try (RedisClient redis = RedisConnection.open(RedisFixture.shared().url(), TIMEOUT)) {
      assertTrue(new RedisProbe(redis).healthy());
    }
  }

  @Test
  void a_closed_port_is_unhealthy_within_the_timeout_and_nothing_is_thrown() {
    try (RedisClient redis = RedisConnection.open(RedisFixture.unreachableUrl(), TIMEOUT)) {
      RedisProbe probe = new RedisProbe(redis);

      boolean healthy = assertTimeoutPreemptively(Duration.ofSeconds(3), probe::healthy);

      assertFalse(healthy);
    }
  }

  @Test
  void the_probe_follows_redis_going_down_and_coming_back() throws InterruptedException {
    try (RedisFixture own = RedisFixture.dedicated();
        RedisClient redis = RedisConnection.open(own.url(), TIMEOUT)) {
      RedisProbe probe = new RedisProbe(redis);
      assertTrue(probe.healthy());

      own.stop();
      assertFalse(assertTimeoutPreemptively(Duration.ofSeconds(3), probe::healthy));

      own.start();
      assertTrue(eventuallyHealthy(probe), "healthy again once Redis is back");
    }
  }

  /** Redis is asked again once the circuit breaker's next probe gets an answer (8 s at most). */
  private static boolean eventuallyHealthy(RedisProbe probe) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (probe.healthy()) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }
}
