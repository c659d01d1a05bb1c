package io.killtoken.adapters.redis.limit;

import io.killtoken.domain.limit.LimitKey;
import io.killtoken.domain.limit.RateDecision;
import io.killtoken.domain.limit.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Fixed-window {@link RateLimiter} kept in Redis, so every gateway node counts against the same
 * window: one Lua script per hit counts, starts the window and reads its time left atomically.
 */
public final class RedisRateLimiter implements RateLimiter {

  static final String KEY_PREFIX = "kt:limit:";

  /*
   * INCR and PEXPIRE as separate commands would leave a key without expiry (a window that never
   * ends) if the client died between them, and a read-then-write would let concurrent nodes
   * overshoot. A script runs as one step on the server. The TTL < 0 branch heals a counter that
   * somehow lost its expiry, instead of blocking the key forever.
   */
  private static final LuaScript HIT_SCRIPT =
      new LuaScript(
          """
      local count = redis.call('INCR', KEYS[1])
      if count == 1 then
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
      end
      local ttl = redis.call('PTTL', KEYS[1])
      if ttl < 0 then
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        ttl = tonumber(ARGV[1])
      end
      return {count, ttl}
      """);

  private final UnifiedJedis redis;
  private final OutageLog outages =
      new OutageLog(LoggerFactory.getLogger(RedisRateLimiter.class), "rate limits");

  public RedisRateLimiter(UnifiedJedis redis) {
    this.redis = Objects.requireNonNull(redis, "redis");
  }

  @Override
  public RateDecision hit(LimitKey key, long limit, Duration window) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(window, "window");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    if (window.toMillis() < 1) {
      throw new IllegalArgumentException("window must be at least one millisecond");
    }
    List<String> keys = List.of(redisKey(key));
    List<String> args = List.of(Long.toString(window.toMillis()));
    List<?> reply = (List<?>) run(keys, args);
    long count = (Long) reply.get(0);
    long ttlMillis = (Long) reply.get(1);
    if (count <= limit) {
      return new RateDecision(true, limit - count, Duration.ZERO);
    }
    // PTTL can read 0 in the last millisecond of a window; a refusal always waits a little.
    return new RateDecision(false, 0, Duration.ofMillis(Math.max(1, ttlMillis)));
  }

  @Override
  public long count(LimitKey key) {
    try {
      String stored = redis.get(redisKey(Objects.requireNonNull(key, "key")));
      return stored == null ? 0 : Long.parseLong(stored);
    } catch (RuntimeException e) {
      outages.failed(e);
      throw e;
    }
  }

  @Override
  public void reset(LimitKey key) {
    redis.del(redisKey(Objects.requireNonNull(key, "key")));
  }

  static String redisKey(LimitKey key) {
    return KEY_PREFIX + key.value();
  }

  private Object run(List<String> keys, List<String> args) {
    try {
      return HIT_SCRIPT.run(redis, keys, args);
    } catch (RuntimeException e) {
      outages.failed(e);
      throw e;
    }
  }
}
