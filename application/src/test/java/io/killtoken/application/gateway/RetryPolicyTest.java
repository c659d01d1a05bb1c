package io.killtoken.application.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy =
      new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(300));

  @Test
  void delays_grow_exponentially_with_jitter_and_stop_at_the_maximum() {
    for (int i = 0; i < 200; i++) {
      assertBetween(50, 100, policy.delayBefore(1, Optional.empty()).orElseThrow());
      assertBetween(100, 200, policy.delayBefore(2, Optional.empty()).orElseThrow());
      assertBetween(150, 300, policy.delayBefore(3, Optional.empty()).orElseThrow());
    }
  }

  @Test
  void no_retry_is_due_once_the_retries_are_used_up() {
    assertEquals(Optional.empty(), policy.delayBefore(4, Optional.empty()));
    assertEquals(Optional.empty(), RetryPolicy.NONE.delayBefore(1, Optional.empty()));
  }

  @Test
  void the_upstreams_retry_after_is_honoured_when_it_fits_and_ends_the_retries_when_it_does_not() {
    assertEquals(
        Optional.of(Duration.ofMillis(250)),
        policy.delayBefore(1, Optional.of(Duration.ofMillis(250))));
    assertEquals(Optional.empty(), policy.delayBefore(1, Optional.of(Duration.ofSeconds(30))));
  }

  @Test
  void nonsense_settings_are_refused() {
    assertThrows(
        IllegalArgumentException.class, () -> new RetryPolicy(-1, Duration.ZERO, Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)));
  }

  private static void assertBetween(long lowMillis, long highMillis, Duration delay) {
    assertTrue(
        delay.toNanos() >= Duration.ofMillis(lowMillis).toNanos()
            && delay.toNanos() <= Duration.ofMillis(highMillis).toNanos(),
        delay + " not in [" + lowMillis + ", " + highMillis + "] ms");
  }
}
