package io.killtoken.adapters.redis.health;

import io.killtoken.domain.health.DependencyProbe;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Readiness probe for Redis: a PING, bounded by the client's connect, socket and pool-wait
 * timeouts, reported as a bare boolean; false at once while the client's circuit breaker is open,
 * since the node does not ask Redis then.
 */
public final class RedisProbe implements DependencyProbe {

  private static final Logger LOG = LoggerFactory.getLogger(RedisProbe.class);

  private final UnifiedJedis redis;

  public RedisProbe(UnifiedJedis redis) {
    this.redis = Objects.requireNonNull(redis, "redis");
  }

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public boolean healthy() {
    try {
      return "PONG".equalsIgnoreCase(redis.ping());
    } catch (RuntimeException e) {
      // Only the exception type: messages can carry host names, and readiness is polled often.
      LOG.debug("redis probe failed: {}", e.getClass().getName());
      return false;
    }
  }
}
