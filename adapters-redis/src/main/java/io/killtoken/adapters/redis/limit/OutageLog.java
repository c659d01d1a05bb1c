package io.killtoken.adapters.redis.limit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Warns that Redis did not answer a limit call, at most once per interval: during an outage every
 * request fails the same way, and one line says as much as thousands would.
 */
final class OutageLog {

  static final Duration INTERVAL = Duration.ofSeconds(30);

  private final Logger log;
  private final String counters;
  private final AtomicLong nextWarnNanos = new AtomicLong(System.nanoTime());

  /**
   * @param counters what the caller counts, for the message, e.g. {@code "spend budgets"}
   */
  OutageLog(Logger log, String counters) {
    this.log = log;
    this.counters = counters;
  }

  /** Notes the failure; the caller rethrows it and the use case decides to fail open or not. */
  void failed(RuntimeException error) {
    long now = System.nanoTime();
    long next = nextWarnNanos.get();
    if (now - next >= 0 && nextWarnNanos.compareAndSet(next, now + INTERVAL.toNanos())) {
      // The class only: a Jedis message can carry the server address.
      log.warn(
          "Redis did not answer a call for {} ({}); callers let requests through uncounted"
              + " while it is down (ADR 0007)",
          counters,
          error.getClass().getName());
    }
  }
}
