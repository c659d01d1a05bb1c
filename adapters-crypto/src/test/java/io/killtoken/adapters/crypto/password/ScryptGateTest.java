package io.killtoken.adapters.crypto.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.error.Overloaded;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ScryptGateTest {

  @Test
  void a_hash_that_finds_no_room_within_the_wait_is_refused_with_a_retry_after() throws Exception {
    ScryptGate gate = new ScryptGate(128, Duration.ofMillis(200));
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<String> first =
          pool.submit(
              () ->
                  gate.run(
                      128,
                      () -> {
                        running.countDown();
                        await(release);
                        return "first";
                      }));
      running.await();

      long started = System.nanoTime();
      Overloaded refused = assertThrows(Overloaded.class, () -> gate.run(128, () -> "second"));
      long waitedMillis = (System.nanoTime() - started) / 1_000_000;

      assertEquals("password_hashing_busy", refused.code());
      assertEquals(Duration.ofSeconds(1), refused.retryAfter());
      assertTrue(waitedMillis >= 150, "waited " + waitedMillis + " ms");
      release.countDown();
      assertEquals("first", first.get());
    }
  }

  @Test
  void room_given_back_lets_the_next_hash_run() {
    ScryptGate gate = new ScryptGate(128, Duration.ofMillis(200));

    assertEquals("one", gate.run(128, () -> "one"));
    assertEquals("two", gate.run(128, () -> "two"));
  }

  @Test
  void room_is_given_back_when_a_hash_fails() {
    ScryptGate gate = new ScryptGate(128, Duration.ofMillis(200));

    assertThrows(
        IllegalStateException.class,
        () ->
            gate.run(
                128,
                () -> {
                  throw new IllegalStateException("boom");
                }));
    assertEquals("after", gate.run(128, () -> "after"));
  }

  @Test
  void two_hashes_run_together_when_the_budget_holds_two() throws Exception {
    ScryptGate gate = new ScryptGate(256, Duration.ofMillis(200));
    CountDownLatch both = new CountDownLatch(2);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<Boolean> a = pool.submit(() -> gate.run(128, () -> meet(both)));
      Future<Boolean> b = pool.submit(() -> gate.run(128, () -> meet(both)));

      assertTrue(a.get());
      assertTrue(b.get());
    }
  }

  @Test
  void a_stored_hash_costlier_than_the_whole_budget_runs_alone_instead_of_never() {
    ScryptGate gate = new ScryptGate(128, Duration.ofMillis(200));

    assertEquals("alone", gate.run(1024, () -> "alone"));
  }

  private static boolean meet(CountDownLatch latch) {
    latch.countDown();
    try {
      return latch.await(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
