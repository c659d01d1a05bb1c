package io.killtoken.adapters.memory.health;

import io.killtoken.domain.health.DependencyProbe;

/**
 * Readiness for a store held in this process (embedded defaults): it is up whenever the process
 * answers, reported under the name of the dependency it stands in for (e.g. {@code redis}).
 */
public record InProcessProbe(String name) implements DependencyProbe {

  @Override
  public boolean healthy() {
    return true;
  }
}
