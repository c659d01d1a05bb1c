package io.killtoken.application.testing;

import io.killtoken.domain.limit.LimitKey;
import io.killtoken.domain.limit.RateDecision;
import io.killtoken.domain.limit.RateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A counting {@link RateLimiter} whose window never ends by itself (only {@link #reset} clears a
 * count), which records every counter name it is handed and can play a store that is down.
 */
public final class RecordingRateLimiter implements RateLimiter {

  private final Map<LimitKey, Long> counts = new HashMap<>();
  private final List<LimitKey> keysSeen = new ArrayList<>();
  private boolean down;

  @Override
  public synchronized RateDecision hit(LimitKey key, long limit, Duration window) {
    keysSeen.add(key);
    if (down) {
      throw new IllegalStateException("counter store unreachable");
    }
    long count = counts.merge(key, 1L, Long::sum);
    return count <= limit
        ? new RateDecision(true, limit - count, Duration.ZERO)
        : new RateDecision(false, 0, window);
  }

  @Override
  public synchronized long count(LimitKey key) {
    return counts.getOrDefault(key, 0L);
  }

  @Override
  public synchronized void reset(LimitKey key) {
    keysSeen.add(key);
    if (down) {
      throw new IllegalStateException("counter store unreachable");
    }
    counts.remove(key);
  }

  /** Every counter name hit or reset so far, in order. */
  public synchronized List<LimitKey> keysSeen() {
    return List.copyOf(keysSeen);
  }

  /** From now on every call fails, as when Redis is unreachable. */
  public synchronized void goDown() {
    down = true;
  }
}
