package io.killtoken.adapters.memory.limit;

import io.killtoken.domain.limit.LimitKey;
import io.killtoken.domain.limit.RateDecision;
import io.killtoken.domain.limit.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fixed-window {@link RateLimiter} held in this process, for a single node without Redis: atomic
 * per key, with expired windows swept away and the number of keys capped.
 */
public final class InMemoryRateLimiter implements RateLimiter {

  /** Enough for every key and client address a single node sees in a few minutes. */
  public static final int DEFAULT_MAX_KEYS = 100_000;

  /** Sweeping is O(keys), so it runs at most this often unless the map is over its cap. */
  private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

  private final InstantSource clock;
  private final int maxKeys;
  private final Map<LimitKey, Window> windows = new ConcurrentHashMap<>();
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private final AtomicLong nextSweepMillis = new AtomicLong(Long.MIN_VALUE);

  public InMemoryRateLimiter(InstantSource clock) {
    this(clock, DEFAULT_MAX_KEYS);
  }

  public InMemoryRateLimiter(InstantSource clock, int maxKeys) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be at least 1");
    }
    this.maxKeys = maxKeys;
  }

  @Override
  public RateDecision hit(LimitKey key, long limit, Duration window) {
    Objects.requireNonNull(key, "key");
    checkLimits(limit, window);
    Instant now = clock.instant();
    // compute() runs under the key's bin lock: read, count and store are one atomic step.
    Window current =
        windows.compute(
            key,
            (k, existing) ->
                existing == null || existing.expiredAt(now)
                    ? new Window(1, now.plus(window))
                    : existing.counted());
    housekeep(now);
    if (current.count() <= limit) {
      return new RateDecision(true, limit - current.count(), Duration.ZERO);
    }
    return new RateDecision(false, 0, Duration.between(now, current.resetAt()));
  }

  @Override
  public long count(LimitKey key) {
    Window current = windows.get(Objects.requireNonNull(key, "key"));
    return current == null || current.expiredAt(clock.instant()) ? 0 : current.count();
  }

  @Override
  public void reset(LimitKey key) {
    windows.remove(Objects.requireNonNull(key, "key"));
  }

  /** How many keys are tracked right now; lets tests see that memory stays bounded. */
  int trackedKeys() {
    return windows.size();
  }

  private static void checkLimits(long limit, Duration window) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    if (Objects.requireNonNull(window, "window").toMillis() < 1) {
      throw new IllegalArgumentException("window must be at least one millisecond");
    }
  }

  private void housekeep(Instant now) {
    boolean overCap = windows.size() > maxKeys;
    if (!overCap && now.toEpochMilli() < nextSweepMillis.get()) {
      return;
    }
    // One sweeper at a time; the others go on serving hits instead of queueing behind it.
    if (!sweeping.compareAndSet(false, true)) {
      return;
    }
    try {
      nextSweepMillis.set(now.plus(SWEEP_INTERVAL).toEpochMilli());
      // removeIf on a ConcurrentHashMap view removes an entry only if it is still the one
      // tested, so a window renewed by a concurrent hit is never lost.
      windows.entrySet().removeIf(entry -> entry.getValue().expiredAt(now));
      if (windows.size() > maxKeys) {
        evictSoonestToExpire();
      }
    } finally {
      sweeping.set(false);
    }
  }

  /**
   * Still over the cap with only live windows (a flood of distinct keys): drop the windows closest
   * to their end, which would have been forgotten soonest anyway, and a tenth more so the next new
   * keys do not trigger another sort straight away.
   */
  private void evictSoonestToExpire() {
    int excess = windows.size() - maxKeys + Math.max(1, maxKeys / 10);
    windows.entrySet().stream()
        .sorted(Comparator.comparing(entry -> entry.getValue().resetAt()))
        .limit(excess)
        .toList()
        .forEach(entry -> windows.remove(entry.getKey(), entry.getValue()));
  }

  /** One key's window: hits counted so far and the instant the window ends. */
  private record Window(long count, Instant resetAt) {

    boolean expiredAt(Instant now) {
      return !now.isBefore(resetAt);
    }

    Window counted() {
      // Saturate rather than wrap: a wrapped count would turn a flood into "allowed".
      return new Window(count == Long.MAX_VALUE ? count : count + 1, resetAt);
    }
  }
}
