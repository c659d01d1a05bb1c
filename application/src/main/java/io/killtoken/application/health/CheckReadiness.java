package io.killtoken.application.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Use case: asks every dependency at once, each on its own virtual thread, and waits at most the
 * deadline — a hung dependency counts as unhealthy instead of hanging the probe.
 */
public final class CheckReadiness {

  private final List<ReadinessCheck> checks;
  private final Duration deadline;

  public CheckReadiness(List<ReadinessCheck> checks, Duration deadline) {
    this.checks = List.copyOf(checks);
    this.deadline = deadline;
  }

  public Readiness check() {
    // Not try-with-resources: close() would wait for a probe stuck in uninterruptible I/O.
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    try {
      List<Future<Boolean>> answers = new ArrayList<>();
      for (ReadinessCheck check : checks) {
        answers.add(threads.submit(() -> check.probe().healthy()));
      }
      long until = System.nanoTime() + deadline.toNanos();
      Map<String, Boolean> results = new LinkedHashMap<>();
      boolean ready = true;
      for (int i = 0; i < checks.size(); i++) {
        boolean healthy = answer(answers.get(i), until);
        results.put(checks.get(i).probe().name(), healthy);
        ready &= healthy || !checks.get(i).required();
      }
      return new Readiness(ready, results);
    } finally {
      threads.shutdownNow();
    }
  }

  private static boolean answer(Future<Boolean> answer, long until) {
    try {
      return answer.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      // A probe that throws or misses the deadline is unhealthy; why is not reported anywhere.
      answer.cancel(true);
      return false;
    }
  }
}
