package io.killtoken.adapters.redis.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.killtoken.adapters.redis.RedisFixture;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class RedisConnectionTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Test
  void opening_does_not_need_redis_to_be_up() {

    RedisConnection.open(RedisFixture.unreachableUrl(), TIMEOUT).close();
  }

  @Test
  void the_database_number_in_the_url_is_used() {
    String key = "kt:test:" + UUID.randomUUID();
    try (RedisClient db0 = RedisConnection.open(RedisFixture.shared().url() + "/0", TIMEOUT);
        RedisClient db3 = RedisConnection.open(RedisFixture.shared().url() + "/3", TIMEOUT)) {
      db3.set(key, "three");
      try {
        assertEquals("three", db3.get(key));
        assertNull(db0.get(key));
      } finally {
        db3.del(key);
      }
    }
  }

  @Test
  void a_bad_url_is_refused_without_repeating_it() {
    for (String bad :
        new String[] {"http://user:s3cret@host:6379", "redis://user:s3cret@ho st:6379", "s3cret"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> RedisConnection.open(bad, TIMEOUT));
      assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
      assertNull(e.getCause(), "a cause could quote the URL");
    }
  }

  @Test
  void a_timeout_under_a_millisecond_is_refused_since_jedis_reads_zero_as_forever() {
    for (Duration tooShort : new Duration[] {Duration.ZERO, Duration.ofNanos(500)}) {
      assertThrows(
          IllegalArgumentException.class,
          () -> RedisConnection.open("redis://127.0.0.1:1", tooShort));
    }
  }
}
