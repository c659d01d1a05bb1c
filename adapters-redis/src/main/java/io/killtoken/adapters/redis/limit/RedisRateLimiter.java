package io.killtoken.adapters.redis.limit;

import io.killtoken.domain.limit.LimitKey;
import io.killtoken.domain.limit.RateDecision;
import io.killtoken.domain.limit.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

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
  private static final String HIT_SCRIPT =
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
      """;

  private static final String HIT_SCRIPT_SHA = sha1(HIT_SCRIPT);

  private final UnifiedJedis redis;

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
  public void reset(LimitKey key) {
    redis.del(redisKey(Objects.requireNonNull(key, "key")));
  }

  static String redisKey(LimitKey key) {
    return KEY_PREFIX + key.value();
  }

  /** Sends the script by its digest; only a server that has not seen it yet gets the full text. */
  private Object run(List<String> keys, List<String> args) {
    try {
      return redis.evalsha(HIT_SCRIPT_SHA, keys, args);
    } catch (JedisNoScriptException notLoaded) {
      return redis.eval(HIT_SCRIPT, keys, args);
    }
  }

  private static String sha1(String script) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-1", e);
    }
  }
}
