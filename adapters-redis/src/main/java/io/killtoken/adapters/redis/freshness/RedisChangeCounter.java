package io.killtoken.adapters.redis.freshness;

import io.killtoken.domain.freshness.ChangeCounter;
import java.util.Objects;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link ChangeCounter} shared by every node through one Redis key: one GET per gateway request
 * (far cheaper than reading the key and credential from MongoDB), one INCR per change. When Redis
 * cannot be read, the counter is empty and nodes read the store instead of trusting their caches.
 */
public final class RedisChangeCounter implements ChangeCounter {

  /** The Redis key; it holds a number and nothing else. */
  public static final String KEY = "kt:changes";

  private static final Logger LOG = LoggerFactory.getLogger(RedisChangeCounter.class);

  private final UnifiedJedis redis;
  private final String key;

  public RedisChangeCounter(UnifiedJedis redis) {
    this(redis, KEY);
  }

  RedisChangeCounter(UnifiedJedis redis, String key) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.key = Objects.requireNonNull(key, "key");
  }

  @Override
  public OptionalLong current() {
    try {
      String value = redis.get(key);
      return OptionalLong.of(value == null ? 0 : Long.parseLong(value));
    } catch (RuntimeException e) {
      LOG.debug("change counter unreadable: {}", e.getClass().getName());
      return OptionalLong.empty();
    }
  }

  @Override
  public void advance() {
    try {
      redis.incr(key);
    } catch (RuntimeException e) {
      // The change itself is stored; other nodes see it once their entries age out.
      LOG.error(
          "could not advance the shared change counter ({}): other nodes may serve the old"
              + " record until their caches age out",
          e.getClass().getName());
    }
  }
}
