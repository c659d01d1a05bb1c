package io.killtoken.adapters.memory.cache;

import io.killtoken.domain.cache.CacheKey;
import io.killtoken.domain.cache.CacheStats;
import io.killtoken.domain.cache.CachedAnswer;
import io.killtoken.domain.cache.CachedAnswerCodec;
import io.killtoken.domain.cache.ResponseCache;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link ResponseCache} held in this process, for a single node without Redis: entries kept in
 * their stored (compressed) form, bounded by total bytes and by count, the least recently used
 * evicted first, expiry read from the given clock. One lock guards it all; the work under it is map
 * operations only, encoding and decoding happen outside.
 */
public final class InMemoryResponseCache implements ResponseCache {

  /** What one node spares for cached answers unless told otherwise. */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;

  /** Bounds the bookkeeping of many tiny entries, which the byte cap alone would not. */
  public static final int DEFAULT_MAX_ENTRIES = 10_000;

  /** Sweeping out expired entries is O(entries), so a full cache does it at most this often. */
  private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

  private final InstantSource clock;
  private final long maxBytes;
  private final int maxEntries;
  private final Object lock = new Object();
  // Access order: iteration starts at the least recently used entry, the first to evict.
  private final LinkedHashMap<CacheKey, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<TenantId, Counters> counters = new HashMap<>();
  private long bytes;
  private Instant nextSweep = Instant.MIN;

  public InMemoryResponseCache(InstantSource clock) {
    this(clock, DEFAULT_MAX_BYTES, DEFAULT_MAX_ENTRIES);
  }

  public InMemoryResponseCache(InstantSource clock, long maxBytes, int maxEntries) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxBytes < 1 || maxEntries < 1) {
      throw new IllegalArgumentException("maxBytes and maxEntries must be at least 1");
    }
    this.maxBytes = maxBytes;
    this.maxEntries = maxEntries;
  }

  @Override
  public Optional<CachedAnswer> get(CacheKey key) {
    Objects.requireNonNull(key, "key");
    Entry entry;
    synchronized (lock) {
      entry = entries.get(key);
      if (entry != null && entry.expiredAt(clock.instant())) {
        remove(key);
        entry = null;
      }
      if (entry == null) {
        counters(key.tenant()).misses++;
        return Optional.empty();
      }
      counters(key.tenant()).hit(entry.usage(), entry.cost());
    }
    return Optional.of(CachedAnswerCodec.decode(entry.stored()));
  }

  @Override
  public void countHit(CacheKey key, CachedAnswer answer) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(answer, "answer");
    synchronized (lock) {
      counters(key.tenant()).hit(answer.usage(), answer.cost());
    }
  }

  @Override
  public void put(CacheKey key, CachedAnswer answer, Duration ttl) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(answer, "answer");
    if (Objects.requireNonNull(ttl, "ttl").toMillis() < 1) {
      throw new IllegalArgumentException("ttl must be at least one millisecond");
    }
    Optional<byte[]> encoded = CachedAnswerCodec.encode(answer);
    if (encoded.isEmpty() || encoded.get().length > maxBytes) {
      return;
    }
    byte[] stored = encoded.get();
    synchronized (lock) {
      Instant now = clock.instant();
      Entry replaced =
          entries.put(key, new Entry(stored, answer.usage(), answer.cost(), now.plus(ttl)));
      bytes += stored.length - (replaced == null ? 0 : replaced.stored().length);
      makeRoom(now);
    }
  }

  @Override
  public Optional<CacheStats> stats(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    synchronized (lock) {
      sweep(clock.instant());
      long count = 0;
      long size = 0;
      for (Map.Entry<CacheKey, Entry> entry : entries.entrySet()) {
        if (entry.getKey().tenant().equals(tenant)) {
          count++;
          size += entry.getValue().stored().length;
        }
      }
      Counters counted = counters.getOrDefault(tenant, new Counters());
      return Optional.of(
          new CacheStats(
              count,
              size,
              counted.hits,
              counted.misses,
              new TokenUsage(counted.input, counted.output, counted.cachedInput),
              new MicroDollars(counted.microDollars)));
    }
  }

  @Override
  public OptionalLong purge(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    synchronized (lock) {
      sweep(clock.instant());
      long removed = 0;
      for (Iterator<Map.Entry<CacheKey, Entry>> it = entries.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<CacheKey, Entry> entry = it.next();
        if (entry.getKey().tenant().equals(tenant)) {
          bytes -= entry.getValue().stored().length;
          it.remove();
          removed++;
        }
      }
      return OptionalLong.of(removed);
    }
  }

  /** Entries held right now, expired ones not yet swept included; lets tests see the bounds. */
  int size() {
    synchronized (lock) {
      return entries.size();
    }
  }

  /** Stored bytes held right now; lets tests see the bounds. */
  long bytes() {
    synchronized (lock) {
      return bytes;
    }
  }

  /** Over a bound: expired entries go first (at most once a second), then the least recent. */
  private void makeRoom(Instant now) {
    if (!overBounds()) {
      return;
    }
    if (!now.isBefore(nextSweep)) {
      sweep(now);
      nextSweep = now.plus(SWEEP_INTERVAL);
    }
    Iterator<Map.Entry<CacheKey, Entry>> eldest = entries.entrySet().iterator();
    while (overBounds() && eldest.hasNext()) {
      bytes -= eldest.next().getValue().stored().length;
      eldest.remove();
    }
  }

  private boolean overBounds() {
    return entries.size() > maxEntries || bytes > maxBytes;
  }

  private void sweep(Instant now) {
    for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
      Entry entry = it.next();
      if (entry.expiredAt(now)) {
        bytes -= entry.stored().length;
        it.remove();
      }
    }
  }

  private void remove(CacheKey key) {
    Entry removed = entries.remove(key);
    if (removed != null) {
      bytes -= removed.stored().length;
    }
  }

  private Counters counters(TenantId tenant) {
    return counters.computeIfAbsent(tenant, t -> new Counters());
  }

  /**
   * One stored answer; usage and cost kept beside the bytes so a hit is counted without decoding
   * under the lock.
   */
  private record Entry(byte[] stored, TokenUsage usage, MicroDollars cost, Instant expiresAt) {

    boolean expiredAt(Instant now) {
      return !now.isBefore(expiresAt);
    }
  }

  /** A tenant's hit, miss and saved counters; mutated only under the cache's lock. */
  private static final class Counters {
    long hits;
    long misses;
    long input;
    long output;
    long cachedInput;
    long microDollars;

    void hit(TokenUsage saved, MicroDollars cost) {
      hits++;
      input += saved.input();
      output += saved.output();
      cachedInput += saved.cachedInput();
      microDollars += cost.value();
    }
  }
}
