package io.killtoken.adapters.redis.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.adapters.redis.RedisFixture;
import io.killtoken.adapters.redis.connection.RedisConnection;
import io.killtoken.domain.limit.LimitKey;
import io.killtoken.domain.limit.RateDecision;
import io.killtoken.domain.limit.RateLimiter;
import io.killtoken.domain.limit.RateLimiterContract;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class RedisRateLimiterTest extends RateLimiterContract {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  private static RedisClient redis;
  private static RedisRateLimiter limiter;

  @BeforeAll
  static void connect() {
    redis = RedisConnection.open(RedisFixture.shared().url(), Duration.ofSeconds(2));
    limiter = new RedisRateLimiter(redis);
  }

  @AfterAll
  static void disconnect() {
    redis.close();
  }

  @Override
  protected RateLimiter limiter() {
    return limiter;
  }

  @Override
  protected void letTimePass(Duration window) throws InterruptedException {
    // Redis expires keys on its own clock; a small margin covers the trip there and back.
    Thread.sleep(window.plusMillis(50));
  }

  private static LimitKey freshKey() {
    return new LimitKey("rpm:key:" + UUID.randomUUID());
  }

  @Test
  void the_counter_lives_under_the_namespace_and_expires_with_its_window() {
    LimitKey key = freshKey();
    limiter.hit(key, 5, MINUTE);
    limiter.hit(key, 5, MINUTE);

    String stored = "kt:limit:" + key.value();
    assertEquals("2", redis.get(stored));
    long ttl = redis.pttl(stored);
    assertTrue(ttl > 0 && ttl <= MINUTE.toMillis(), "the window is the key's expiry: " + ttl);
  }

  @Test
  void retry_after_is_the_time_the_window_has_left() {
    LimitKey key = freshKey();
    limiter.hit(key, 1, MINUTE);

    RateDecision refused = limiter.hit(key, 1, MINUTE);

    assertTrue(refused.retryAfter().compareTo(MINUTE.minusSeconds(5)) > 0, "close to a minute");
    assertTrue(refused.retryAfter().compareTo(MINUTE) <= 0, "never past the window");
  }

  @Test
  void later_hits_do_not_stretch_the_window() throws InterruptedException {
    LimitKey key = freshKey();
    Duration window = Duration.ofMillis(400);
    limiter.hit(key, 1, window);
    Thread.sleep(250);
    limiter.hit(key, 1, window);

    Thread.sleep(200);

    assertTrue(limiter.hit(key, 1, window).allowed(), "the window began at the first hit");
  }

  @Test
  void reset_deletes_the_counter() {
    LimitKey key = freshKey();
    limiter.hit(key, 5, MINUTE);

    limiter.reset(key);

    assertFalse(redis.exists("kt:limit:" + key.value()));
  }

  @Test
  void a_counter_that_lost_its_expiry_gets_one_again() {
    LimitKey key = freshKey();
    redis.set("kt:limit:" + key.value(), "7");

    RateDecision decision = limiter.hit(key, 5, MINUTE);

    assertFalse(decision.allowed());
    assertTrue(redis.pttl("kt:limit:" + key.value()) > 0, "a window that never ends is healed");
  }

  @Test
  void the_script_is_loaded_again_after_the_server_forgets_it() {
    redis.scriptFlush();

    assertTrue(limiter.hit(freshKey(), 1, MINUTE).allowed());
  }

  @Test
  void a_limit_below_one_or_a_window_below_a_millisecond_is_refused() {
    assertThrows(IllegalArgumentException.class, () -> limiter.hit(freshKey(), 0, MINUTE));
    assertThrows(IllegalArgumentException.class, () -> limiter.hit(freshKey(), 1, Duration.ZERO));
  }

  @Test
  void a_hit_fails_fast_instead_of_hanging_when_redis_is_down() {
    try (RedisClient down =
        RedisConnection.open(RedisFixture.unreachableUrl(), Duration.ofSeconds(1))) {
      RedisRateLimiter unreachable = new RedisRateLimiter(down);

      assertTimeoutPreemptively(
          Duration.ofSeconds(3),
          () -> assertThrows(RuntimeException.class, () -> unreachable.hit(freshKey(), 1, MINUTE)));
    }
  }
}
