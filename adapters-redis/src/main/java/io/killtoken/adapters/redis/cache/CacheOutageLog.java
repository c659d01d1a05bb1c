package io.killtoken.adapters.redis.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Warns that Redis did not answer a response-cache call, at most once per interval: during an
 * outage every request fails the same way, and one line says as much as thousands would.
 */
final class CacheOutageLog {

  static final Duration INTERVAL = Duration.ofSeconds(30);

  private final Logger log;
  private final AtomicLong nextWarnNanos = new AtomicLong(System.nanoTime());

  CacheOutageLog(Logger log) {
    this.log = log;
  }

  /** Notes the failure; the cache carries on as documented (miss, skip or empty). */
  void failed(String call, RuntimeException error) {
    long now = System.nanoTime();
    long next = nextWarnNanos.get();
    if (now - next >= 0 && nextWarnNanos.compareAndSet(next, now + INTERVAL.toNanos())) {
      // The class only: a Jedis message can carry the server address.
      log.warn(
          "Redis did not answer a response-cache {} ({}); requests are served without the cache"
              + " (reads miss, writes are skipped) while it is down",
          call,
          error.getClass().getName());
    }
  }
}
