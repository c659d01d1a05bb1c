package io.killtoken.adapters.memory.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.limit.LimitKey;
import io.killtoken.domain.limit.RateDecision;
import io.killtoken.domain.limit.RateLimiter;
import io.killtoken.domain.limit.RateLimiterContract;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InMemoryRateLimiterTest extends RateLimiterContract {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final TestClock clock = new TestClock();
  private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(clock);

  @Override
  protected RateLimiter limiter() {
    return limiter;
  }

  @Override
  protected void letTimePass(Duration window) {
    clock.advance(window);
  }

  @Test
  void retry_after_is_the_time_left_in_the_window() {
    LimitKey key = new LimitKey("rpm:key:retry");
    limiter.hit(key, 1, MINUTE);
    clock.advance(Duration.ofSeconds(20));

    RateDecision refused = limiter.hit(key, 1, MINUTE);

    assertEquals(Duration.ofSeconds(40), refused.retryAfter());
  }

  @Test
  void an_allowed_hit_has_no_retry_after() {
    assertEquals(Duration.ZERO, limiter.hit(new LimitKey("rpm:key:zero"), 5, MINUTE).retryAfter());
  }

  @Test
  void the_window_ends_exactly_at_its_length_and_not_a_millisecond_before() {
    LimitKey key = new LimitKey("rpm:key:edge");
    limiter.hit(key, 1, MINUTE);

    clock.advance(MINUTE.minusMillis(1));
    assertFalse(limiter.hit(key, 1, MINUTE).allowed());
    clock.advance(Duration.ofMillis(1));
    assertTrue(limiter.hit(key, 1, MINUTE).allowed());
  }

  @Test
  void expired_windows_are_swept_away() {
    for (int i = 0; i < 500; i++) {
      limiter.hit(new LimitKey("login:ip:" + i), 5, MINUTE);
    }
    assertEquals(500, limiter.trackedKeys());

    clock.advance(MINUTE.plusSeconds(1));
    limiter.hit(new LimitKey("login:ip:late"), 5, MINUTE);

    assertEquals(1, limiter.trackedKeys());
  }

  @Test
  void a_flood_of_distinct_keys_never_grows_past_the_cap() {
    InMemoryRateLimiter capped = new InMemoryRateLimiter(clock, 100);

    for (int i = 0; i < 10_000; i++) {
      capped.hit(new LimitKey("login:ip:" + i), 5, MINUTE);
      assertTrue(capped.trackedKeys() <= 100, "never more keys than the cap after a hit");
    }
  }

  @Test
  void a_flood_evicts_the_windows_ending_soonest_so_a_long_window_keeps_its_count() {
    InMemoryRateLimiter capped = new InMemoryRateLimiter(clock, 100);
    LimitKey blocked = new LimitKey("login:email:victim");
    capped.hit(blocked, 1, Duration.ofHours(1));

    for (int i = 0; i < 1_000; i++) {
      capped.hit(new LimitKey("login:ip:" + i), 5, Duration.ofSeconds(10));
    }

    assertFalse(capped.hit(blocked, 1, Duration.ofHours(1)).allowed());
  }

  @Test
  void a_limit_below_one_or_a_window_below_a_millisecond_is_refused() {
    LimitKey key = new LimitKey("rpm:key:bad");

    assertThrows(IllegalArgumentException.class, () -> limiter.hit(key, 0, MINUTE));
    assertThrows(IllegalArgumentException.class, () -> limiter.hit(key, 1, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new InMemoryRateLimiter(clock, 0));
  }

  /** A clock that moves only when the test says so. */
  private static final class TestClock implements InstantSource {

    private final AtomicReference<Instant> now =
        new AtomicReference<>(Instant.parse("2026-11-01T10:00:00Z"));

    @Override
    public Instant instant() {
      return now.get();
    }

    void advance(Duration duration) {
      now.updateAndGet(instant -> instant.plus(duration));
    }
  }
}
