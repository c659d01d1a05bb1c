package io.killtoken.adapters.memory.freshness;

import io.killtoken.domain.freshness.ChangeCounter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Records loaded from the store, kept while the {@link ChangeCounter} stands still. The counter is
 * read before the load, so a change that lands during a load leaves an entry that is already stale.
 * Entries also age out, bounding staleness if a node ever missed a counter advance.
 */
final class FreshCache<K, V> {

  private final ChangeCounter counter;
  private final InstantSource clock;
  private final Duration maxAge;
  private final int maxEntries;
  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

  FreshCache(ChangeCounter counter, InstantSource clock, Duration maxAge, int maxEntries) {
    this.counter = counter;
    this.clock = clock;
    this.maxAge = maxAge;
    this.maxEntries = maxEntries;
  }

  V get(K key, Supplier<V> load) {
    OptionalLong generation = counter.current();
    if (generation.isEmpty()) {
      return load.get();
    }
    Instant now = clock.instant();
    Entry<V> entry = entries.get(key);
    if (entry != null
        && entry.generation == generation.getAsLong()
        && now.isBefore(entry.loadedAt.plus(maxAge))) {
      return entry.value;
    }
    V value = load.get();
    if (entries.size() >= maxEntries) {
      // Rare (more live records than the cap): starting over is cheaper than tracking recency.
      entries.clear();
    }
    entries.put(key, new Entry<>(value, generation.getAsLong(), now));
    return value;
  }

  void forget(K key) {
    entries.remove(key);
  }

  /** Forgets everything this node holds; the caller also advances the shared counter. */
  void clear() {
    entries.clear();
  }

  private record Entry<V>(V value, long generation, Instant loadedAt) {}
}
