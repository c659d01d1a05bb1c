package io.killtoken.adapters.redis.cache;

import io.killtoken.domain.cache.CacheKey;
import io.killtoken.domain.cache.CacheStats;
import io.killtoken.domain.cache.CachedAnswer;
import io.killtoken.domain.cache.CachedAnswerCodec;
import io.killtoken.domain.cache.ResponseCache;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link ResponseCache} kept in Redis, shared by every gateway node. Per tenant {@code T}, all
 * under the Redis Cluster hash tag {@code {T}} so that one script may touch them together:
 *
 * <ul>
 *   <li>{@code kt:cache:{T}:<digest>} — the entry: {@link CachedAnswerCodec} bytes, {@code PX} ttl
 *   <li>{@code kt:cache:{T}:index} — sorted set of live digests, scored by expiry (Redis clock, ms)
 *   <li>{@code kt:cache:{T}:meta} — hash: {@code bytes} (stored size of indexed entries) and per
 *       digest {@code "<size> <input> <output> <cached input> <micro-dollars>"}
 *   <li>{@code kt:cache:{T}:stats} — hash of counters: {@code hits}, {@code misses}, {@code
 *       saved_input}, {@code saved_output}, {@code saved_cached_input}, {@code saved_micro_dollars}
 * </ul>
 *
 * The index lets stats and purge touch one tenant's entries without {@code KEYS} or {@code SCAN}
 * over the whole store; expired digests are pruned from it by score. Every call that fails is
 * logged (once per 30 s) and handled as the port says: a miss, a skipped write, an empty answer.
 */
public final class RedisResponseCache implements ResponseCache {

  static final String KEY_PREFIX = "kt:cache:";

  /** Expired digests pruned per write: bounds the script's run on the hot path. */
  private static final int PUT_PRUNE_BATCH = 64;

  /** Expired digests pruned per stats round, and the rounds one stats call may run. */
  private static final int STATS_PRUNE_BATCH = 500;

  private static final int STATS_PRUNE_ROUNDS = 40;

  /** Entries deleted per purge script, so that no one script blocks Redis for long. */
  private static final int PURGE_BATCH = 500;

  private static final Logger LOG = LoggerFactory.getLogger(RedisResponseCache.class);

  private final UnifiedJedis redis;
  private final CacheOutageLog outages = new CacheOutageLog(LOG);

  /**
   * @param redis a client whose every wait is bounded, as {@code RedisConnection.open} builds it:
   *     that bound is how long a call may take while Redis is down
   */
  public RedisResponseCache(UnifiedJedis redis) {
    this.redis = Objects.requireNonNull(redis, "redis");
  }

  @Override
  public Optional<CachedAnswer> get(CacheKey key) {
    Objects.requireNonNull(key, "key");
    Object reply;
    try {
      reply = CacheScripts.GET.run(redis, entryKeys(key), List.of(bytes(key.digest())));
    } catch (RuntimeException e) {
      outages.failed("read", e);
      return Optional.empty();
    }
    if (reply == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(CachedAnswerCodec.decode((byte[]) reply));
    } catch (IllegalArgumentException unreadable) {
      // Damaged, or written by a later version during a rolling deploy: a miss, and gone.
      LOG.warn("Dropped an unreadable response-cache entry: {}", unreadable.getMessage());
      remove(key.tenant(), List.of(bytes(key.digest())));
      return Optional.empty();
    }
  }

  @Override
  public void countHit(CacheKey key, CachedAnswer answer) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(answer, "answer");
    TokenUsage usage = answer.usage();
    List<byte[]> args =
        List.of(
            bytes(Long.toString(usage.input())),
            bytes(Long.toString(usage.output())),
            bytes(Long.toString(usage.cachedInput())),
            bytes(Long.toString(answer.cost().value())));
    try {
      CacheScripts.COUNT_HIT.run(redis, List.of(bytes(statsKey(key.tenant()))), args);
    } catch (RuntimeException e) {
      outages.failed("stats write", e);
    }
  }

  @Override
  public void put(CacheKey key, CachedAnswer answer, Duration ttl) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(answer, "answer");
    if (Objects.requireNonNull(ttl, "ttl").toMillis() < 1) {
      throw new IllegalArgumentException("ttl must be at least one millisecond");
    }
    Optional<byte[]> stored = CachedAnswerCodec.encode(answer);
    if (stored.isEmpty()) {
      return;
    }
    TokenUsage usage = answer.usage();
    String meta =
        stored.get().length
            + " "
            + usage.input()
            + " "
            + usage.output()
            + " "
            + usage.cachedInput()
            + " "
            + answer.cost().value();
    List<byte[]> args =
        List.of(
            bytes(key.digest()),
            stored.get(),
            bytes(Long.toString(ttl.toMillis())),
            bytes(meta),
            bytes(Integer.toString(stored.get().length)),
            bytes(Integer.toString(PUT_PRUNE_BATCH)));
    try {
      CacheScripts.PUT.run(redis, entryKeys(key), args);
    } catch (RuntimeException e) {
      outages.failed("write", e);
    }
  }

  @Override
  public Optional<CacheStats> stats(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    List<byte[]> keys =
        List.of(bytes(indexKey(tenant)), bytes(metaKey(tenant)), bytes(statsKey(tenant)));
    List<byte[]> args = List.of(bytes(Integer.toString(STATS_PRUNE_BATCH)));
    List<?> reply;
    try {
      int rounds = 0;
      do {
        reply = (List<?>) CacheScripts.STATS.run(redis, keys, args);
      } while (number(reply.get(0)) == STATS_PRUNE_BATCH && ++rounds < STATS_PRUNE_ROUNDS);
    } catch (RuntimeException e) {
      outages.failed("stats read", e);
      return Optional.empty();
    }
    return Optional.of(
        new CacheStats(
            number(reply.get(1)),
            Math.max(0, number(reply.get(2))),
            number(reply.get(3)),
            number(reply.get(4)),
            new TokenUsage(number(reply.get(5)), number(reply.get(6)), number(reply.get(7))),
            new MicroDollars(number(reply.get(8)))));
  }

  @Override
  public OptionalLong purge(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    byte[] index = bytes(indexKey(tenant));
    long removed = 0;
    try {
      // Bounded, so that a tenant writing as fast as it is purged cannot keep the call going.
      long rounds = redis.zcard(index) / PURGE_BATCH + 2;
      for (long round = 0; round < rounds; round++) {
        List<byte[]> digests = redis.zrange(index, 0, PURGE_BATCH - 1);
        if (digests.isEmpty()) {
          break;
        }
        removed += removeOrThrow(tenant, digests);
      }
    } catch (RuntimeException e) {
      outages.failed("purge", e);
      return OptionalLong.empty();
    }
    return OptionalLong.of(removed);
  }

  static String entryKey(CacheKey key) {
    return tenantPrefix(key.tenant()) + key.digest();
  }

  static String indexKey(TenantId tenant) {
    return tenantPrefix(tenant) + "index";
  }

  static String metaKey(TenantId tenant) {
    return tenantPrefix(tenant) + "meta";
  }

  static String statsKey(TenantId tenant) {
    return tenantPrefix(tenant) + "stats";
  }

  /** The braces are a Redis Cluster hash tag: a tenant's keys share a slot, as the scripts need. */
  private static String tenantPrefix(TenantId tenant) {
    return KEY_PREFIX + "{" + tenant.value() + "}:";
  }

  private static List<byte[]> entryKeys(CacheKey key) {
    TenantId tenant = key.tenant();
    return List.of(
        bytes(entryKey(key)),
        bytes(indexKey(tenant)),
        bytes(metaKey(tenant)),
        bytes(statsKey(tenant)));
  }

  private void remove(TenantId tenant, List<byte[]> digests) {
    try {
      removeOrThrow(tenant, digests);
    } catch (RuntimeException e) {
      outages.failed("delete", e);
    }
  }

  private long removeOrThrow(TenantId tenant, List<byte[]> digests) {
    List<byte[]> keys = new ArrayList<>(digests.size() + 2);
    keys.add(bytes(indexKey(tenant)));
    keys.add(bytes(metaKey(tenant)));
    for (byte[] digest : digests) {
      keys.add(bytes(tenantPrefix(tenant) + new String(digest, StandardCharsets.US_ASCII)));
    }
    return (Long) CacheScripts.REMOVE.run(redis, keys, digests);
  }

  /** A script's number, which Redis returns as an integer or as the text of a hash field. */
  private static long number(Object reply) {
    if (reply instanceof Long value) {
      return value;
    }
    return Long.parseLong(new String((byte[]) reply, StandardCharsets.US_ASCII));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
