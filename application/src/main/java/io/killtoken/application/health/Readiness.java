package io.killtoken.application.health;

import java.util.Map;

/**
 * The answer of {@link CheckReadiness}: ready or not, and each dependency's health as a boolean.
 */
public record Readiness(boolean ready, Map<String, Boolean> checks) {

  public Readiness {
    checks = Map.copyOf(checks);
  }
}
