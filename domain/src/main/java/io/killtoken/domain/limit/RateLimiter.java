package io.killtoken.domain.limit;

import java.time.Duration;

/**
 * Port: fixed-window counters shared by every node (Redis) or held in process (embedded defaults).
 * A hit is counted and checked in one atomic step, so concurrent requests cannot overshoot.
 */
public interface RateLimiter {

  /** Counts one hit on the key and says whether it is within {@code limit} hits per window. */
  RateDecision hit(LimitKey key, long limit, Duration window);

  /** The hits counted in the key's current window, without counting one; 0 when none. */
  long count(LimitKey key);

  /** Forgets the key's current window (e.g. failed logins after a successful one). */
  void reset(LimitKey key);
}
