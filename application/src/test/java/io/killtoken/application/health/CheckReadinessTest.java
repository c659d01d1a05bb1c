package io.killtoken.application.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.health.DependencyProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class CheckReadinessTest {

  private static DependencyProbe probe(String name, BooleanSupplier answer) {
    return new DependencyProbe() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean healthy() {
        return answer.getAsBoolean();
      }
    };
  }

  private static Readiness check(ReadinessCheck... checks) {
    return new CheckReadiness(List.of(checks), Duration.ofMillis(300)).check();
  }

  @Test
  void all_healthy_is_ready() {
    Readiness readiness =
        check(
            new ReadinessCheck(probe("mongo", () -> true), true),
            new ReadinessCheck(probe("redis", () -> true), false));

    assertTrue(readiness.ready());
    assertEquals(Map.of("mongo", true, "redis", true), readiness.checks());
  }

  @Test
  void a_failing_required_dependency_makes_the_node_unready() {
    Readiness readiness =
        check(
            new ReadinessCheck(probe("mongo", () -> false), true),
            new ReadinessCheck(probe("redis", () -> true), false));

    assertFalse(readiness.ready());
    assertEquals(Map.of("mongo", false, "redis", true), readiness.checks());
  }

  @Test
  void a_failing_optional_dependency_is_reported_but_keeps_the_node_ready() {
    Readiness readiness =
        check(
            new ReadinessCheck(probe("mongo", () -> true), true),
            new ReadinessCheck(probe("redis", () -> false), false));

    assertTrue(readiness.ready());
    assertEquals(false, readiness.checks().get("redis"));
  }

  @Test
  void a_probe_that_throws_counts_as_unhealthy() {
    Readiness readiness =
        check(
            new ReadinessCheck(
                probe(
                    "mongo",
                    () -> {
                      throw new IllegalStateException("mongodb://user:secret@host");
                    }),
                true));

    assertFalse(readiness.ready());
    assertEquals(Map.of("mongo", false), readiness.checks());
  }

  @Test
  void a_hung_probe_is_cut_off_at_the_deadline() {
    DependencyProbe hung =
        probe(
            "mongo",
            () -> {
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return true;
            });

    Readiness readiness =
        assertTimeoutPreemptively(
            Duration.ofSeconds(2), () -> check(new ReadinessCheck(hung, true)));

    assertFalse(readiness.ready());
  }
}
