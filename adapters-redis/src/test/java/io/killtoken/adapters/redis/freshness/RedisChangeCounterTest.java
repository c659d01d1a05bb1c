package io.killtoken.adapters.redis.freshness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.adapters.redis.RedisFixture;
import io.killtoken.adapters.redis.connection.RedisConnection;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class RedisChangeCounterTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  @Test
  void an_advance_on_one_node_is_seen_by_another_node() {
    String key = "kt:test:changes:" + UUID.randomUUID();
    try (RedisClient first = RedisConnection.open(RedisFixture.shared().url(), TIMEOUT);
        RedisClient second = RedisConnection.open(RedisFixture.shared().url(), TIMEOUT)) {
      RedisChangeCounter nodeA = new RedisChangeCounter(first, key);
      RedisChangeCounter nodeB = new RedisChangeCounter(second, key);
      OptionalLong before = nodeB.current();
      assertEquals(OptionalLong.of(0), before, "a counter never advanced reads zero");

      nodeA.advance();

      assertNotEquals(before, nodeB.current());
      assertEquals(OptionalLong.of(1), nodeB.current());
    }
  }

  @Test
  void an_unreachable_redis_reads_as_unknown_and_an_advance_does_not_throw() {
    try (RedisClient redis = RedisConnection.open(RedisFixture.unreachableUrl(), TIMEOUT)) {
      RedisChangeCounter counter = new RedisChangeCounter(redis);

      assertTrue(counter.current().isEmpty());
      counter.advance();
    }
  }
}
