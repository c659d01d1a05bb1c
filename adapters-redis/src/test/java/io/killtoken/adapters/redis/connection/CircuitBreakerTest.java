package io.killtoken.adapters.redis.connection;

import static io.killtoken.adapters.redis.connection.CircuitBreaker.Admission.CALL;
import static io.killtoken.adapters.redis.connection.CircuitBreaker.Admission.PROBE;
import static io.killtoken.adapters.redis.connection.CircuitBreaker.Admission.REFUSE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.adapters.redis.connection.CircuitBreaker.Admission;
import io.killtoken.adapters.redis.connection.CircuitBreaker.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The breaker's states and pauses, on a clock the test moves by hand. */
class CircuitBreakerTest {

  private static final Duration FIRST = Duration.ofMillis(250);
  private static final Duration LONGEST = Duration.ofSeconds(2);

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final CircuitBreaker breaker = new CircuitBreaker(nanos::get, FIRST, LONGEST);

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  void a_new_breaker_is_closed_and_lets_every_call_through() {
    assertEquals(State.CLOSED, breaker.state());
    for (int i = 0; i < 100; i++) {
      assertEquals(CALL, breaker.admit());
    }
  }

  @Test
  void one_failure_opens_it_and_calls_are_refused_for_the_first_pause() {
    assertTrue(breaker.callFailed());

    assertEquals(State.OPEN, breaker.state());
    assertEquals(REFUSE, breaker.admit());
    advance(FIRST.minusNanos(1));
    assertEquals(REFUSE, breaker.admit());
  }

  @Test
  void a_failure_of_a_call_already_under_way_when_it_opened_changes_nothing() {
    breaker.callFailed();
    advance(FIRST.minusMillis(1));

    assertFalse(breaker.callFailed(), "the pause is not started again");
    advance(Duration.ofMillis(1));
    assertEquals(PROBE, breaker.admit());
  }

  @Test
  void when_the_pause_ends_exactly_one_caller_probes_and_the_others_are_refused() {
    breaker.callFailed();
    advance(FIRST);

    assertEquals(PROBE, breaker.admit());
    assertEquals(State.HALF_OPEN, breaker.state());
    for (int i = 0; i < 10; i++) {
      assertEquals(REFUSE, breaker.admit(), "only one probe at a time");
    }
    advance(Duration.ofHours(1));
    assertEquals(REFUSE, breaker.admit(), "still waiting for the probe, however long it takes");
  }

  @Test
  void of_many_callers_at_the_end_of_the_pause_only_one_is_told_to_probe() throws Exception {
    breaker.callFailed();
    advance(FIRST);
    List<Admission> told = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 64; i++) {
        pool.submit(
            () -> {
              go.await();
              return told.add(breaker.admit());
            });
      }
      go.countDown();
    }

    assertEquals(1, told.stream().filter(PROBE::equals).count(), told.toString());
    assertEquals(63, told.stream().filter(REFUSE::equals).count());
  }

  @Test
  void a_probe_that_gets_an_answer_closes_it() {
    breaker.callFailed();
    advance(FIRST);
    breaker.admit();

    breaker.probeSucceeded();

    assertEquals(State.CLOSED, breaker.state());
    assertEquals(CALL, breaker.admit());
  }

  @Test
  void each_failed_probe_doubles_the_pause_up_to_the_longest() {
    breaker.callFailed();
    List<Duration> pauses = new ArrayList<>();
    Duration pause = FIRST;
    for (int i = 0; i < 6; i++) {
      advance(pause.minusNanos(1));
      assertEquals(REFUSE, breaker.admit(), "still open " + i);
      advance(Duration.ofNanos(1));
      assertEquals(PROBE, breaker.admit());
      pause = breaker.probeFailed();
      assertEquals(State.OPEN, breaker.state());
      pauses.add(pause);
    }

    assertEquals(
        List.of(
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            Duration.ofSeconds(2)),
        pauses);
  }

  @Test
  void after_closing_the_next_outage_starts_with_the_first_pause_again() {
    breaker.callFailed();
    advance(FIRST);
    breaker.admit();
    breaker.probeFailed();
    advance(FIRST.multipliedBy(2));
    breaker.admit();
    breaker.probeSucceeded();

    assertTrue(breaker.callFailed());
    advance(FIRST);
    assertEquals(PROBE, breaker.admit(), "first pause, not the doubled one");
  }

  @Test
  void pauses_must_be_positive_and_ordered() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new CircuitBreaker(nanos::get, Duration.ZERO, LONGEST));
    assertThrows(
        IllegalArgumentException.class, () -> new CircuitBreaker(nanos::get, LONGEST, FIRST));
  }
}
