package io.killtoken.domain.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link RateLimiter} must have; each implementation's test extends it. */
public abstract class RateLimiterContract {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  protected abstract RateLimiter limiter();

  /** Lets the window of {@code window} pass (real time for Redis, a clock for in-process). */
  protected abstract void letTimePass(Duration window) throws InterruptedException;

  private static LimitKey freshKey() {
    return new LimitKey("test:" + UUID.randomUUID());
  }

  @Test
  void count_reads_the_windows_hits_without_counting_one() throws InterruptedException {
    LimitKey key = freshKey();
    assertEquals(0, limiter().count(key));
    limiter().hit(key, 10, Duration.ofMillis(300));
    limiter().hit(key, 10, Duration.ofMillis(300));

    assertEquals(2, limiter().count(key));
    assertEquals(2, limiter().count(key));
    letTimePass(Duration.ofMillis(300));
    assertEquals(0, limiter().count(key), "a new window");
  }

  @Test
  void hits_within_the_limit_are_allowed_and_count_down() {
    LimitKey key = freshKey();

    assertEquals(2, limiter().hit(key, 3, MINUTE).remaining());
    assertEquals(1, limiter().hit(key, 3, MINUTE).remaining());
    RateDecision third = limiter().hit(key, 3, MINUTE);
    assertTrue(third.allowed());
    assertEquals(0, third.remaining());
  }

  @Test
  void the_hit_over_the_limit_is_refused_with_a_retry_after_inside_the_window() {
    LimitKey key = freshKey();
    for (int i = 0; i < 3; i++) {
      limiter().hit(key, 3, MINUTE);
    }

    RateDecision refused = limiter().hit(key, 3, MINUTE);

    assertFalse(refused.allowed());
    assertEquals(0, refused.remaining());
    assertTrue(refused.retryAfter().compareTo(Duration.ZERO) > 0, "retry after is positive");
    assertTrue(refused.retryAfter().compareTo(MINUTE) <= 0, "retry after is within the window");
  }

  @Test
  void keys_are_counted_apart() {
    LimitKey busy = freshKey();
    limiter().hit(busy, 1, MINUTE);

    assertFalse(limiter().hit(busy, 1, MINUTE).allowed());
    assertTrue(limiter().hit(freshKey(), 1, MINUTE).allowed());
  }

  @Test
  void a_new_window_allows_hits_again() throws InterruptedException {
    LimitKey key = freshKey();
    Duration window = Duration.ofMillis(300);
    limiter().hit(key, 1, window);
    assertFalse(limiter().hit(key, 1, window).allowed());

    letTimePass(window);

    assertTrue(limiter().hit(key, 1, window).allowed());
  }

  @Test
  void reset_forgets_the_window() {
    LimitKey key = freshKey();
    limiter().hit(key, 1, MINUTE);
    limiter().reset(key);

    assertTrue(limiter().hit(key, 1, MINUTE).allowed());
  }

  @Test
  void a_concurrent_burst_never_allows_more_than_the_limit() throws Exception {
    LimitKey key = freshKey();
    int limit = 25;
    List<Callable<Boolean>> burst = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      burst.add(() -> limiter().hit(key, limit, MINUTE).allowed());
    }

    int allowed = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      for (Future<Boolean> result : pool.invokeAll(burst)) {
        allowed += result.get() ? 1 : 0;
      }
    }

    assertEquals(limit, allowed);
  }
}
