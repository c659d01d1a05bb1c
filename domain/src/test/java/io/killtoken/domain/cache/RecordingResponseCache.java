package io.killtoken.domain.cache;

import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@link ResponseCache} for use-case tests: plain maps under one lock, expiry on the given clock,
 * every put recorded, and able to play a store that is down. Held to the same contract as the real
 * caches.
 */
public final class RecordingResponseCache implements ResponseCache {

  private final InstantSource clock;
  private final Map<CacheKey, Entry> entries = new HashMap<>();
  private final Map<TenantId, CacheStats> counters = new HashMap<>();
  private final List<Put> puts = new ArrayList<>();
  private boolean down;

  /** One answer put in the cache, whether or not it was stored. */
  public record Put(CacheKey key, CachedAnswer answer, Duration ttl) {}

  private record Entry(CachedAnswer answer, long bytes, Instant expiresAt) {}

  public RecordingResponseCache(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized Optional<CachedAnswer> get(CacheKey key) {
    Objects.requireNonNull(key, "key");
    if (down) {
      return Optional.empty();
    }
    Entry entry = live(key);
    CacheStats before = counters.getOrDefault(key.tenant(), CacheStats.EMPTY);
    if (entry == null) {
      counters.put(key.tenant(), counted(before, 0, 1, TokenUsage.NONE, MicroDollars.ZERO));
      return Optional.empty();
    }
    CachedAnswer answer = entry.answer();
    counters.put(key.tenant(), counted(before, 1, 0, answer.usage(), answer.cost()));
    return Optional.of(answer);
  }

  @Override
  public synchronized void countHit(CacheKey key, CachedAnswer answer) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(answer, "answer");
    if (down) {
      return;
    }
    CacheStats before = counters.getOrDefault(key.tenant(), CacheStats.EMPTY);
    counters.put(key.tenant(), counted(before, 1, 0, answer.usage(), answer.cost()));
  }

  @Override
  public synchronized void put(CacheKey key, CachedAnswer answer, Duration ttl) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(answer, "answer");
    if (Objects.requireNonNull(ttl, "ttl").toMillis() < 1) {
      throw new IllegalArgumentException("ttl must be at least one millisecond");
    }
    puts.add(new Put(key, answer, ttl));
    if (down) {
      return;
    }
    CachedAnswerCodec.encode(answer)
        .ifPresent(
            stored ->
                entries.put(key, new Entry(answer, stored.length, clock.instant().plus(ttl))));
  }

  @Override
  public synchronized Optional<CacheStats> stats(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    if (down) {
      return Optional.empty();
    }
    entries.entrySet().removeIf(entry -> expired(entry.getValue()));
    List<Entry> own =
        entries.entrySet().stream()
            .filter(entry -> entry.getKey().tenant().equals(tenant))
            .map(Map.Entry::getValue)
            .toList();
    CacheStats counted = counters.getOrDefault(tenant, CacheStats.EMPTY);
    return Optional.of(
        new CacheStats(
            own.size(),
            own.stream().mapToLong(Entry::bytes).sum(),
            counted.hits(),
            counted.misses(),
            counted.saved(),
            counted.savedCost()));
  }

  @Override
  public synchronized OptionalLong purge(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    if (down) {
      return OptionalLong.empty();
    }
    entries.entrySet().removeIf(entry -> expired(entry.getValue()));
    int before = entries.size();
    entries.keySet().removeIf(key -> key.tenant().equals(tenant));
    return OptionalLong.of(before - entries.size());
  }

  /** Every put so far, in order, including those a down store skipped. */
  public synchronized List<Put> puts() {
    return List.copyOf(puts);
  }

  /** From now on the cache behaves as an unreachable store does: misses, skips, empty answers. */
  public synchronized void goDown() {
    down = true;
  }

  private Entry live(CacheKey key) {
    Entry entry = entries.get(key);
    if (entry != null && expired(entry)) {
      entries.remove(key);
      return null;
    }
    return entry;
  }

  private boolean expired(Entry entry) {
    return !clock.instant().isBefore(entry.expiresAt());
  }

  private static CacheStats counted(
      CacheStats before, long hits, long misses, TokenUsage saved, MicroDollars savedCost) {
    TokenUsage total =
        new TokenUsage(
            before.saved().input() + saved.input(),
            before.saved().output() + saved.output(),
            before.saved().cachedInput() + saved.cachedInput());
    return new CacheStats(
        0,
        0,
        before.hits() + hits,
        before.misses() + misses,
        total,
        before.savedCost().plus(savedCost));
  }
}
