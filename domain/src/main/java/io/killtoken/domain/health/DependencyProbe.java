package io.killtoken.domain.health;

/** Port: tells whether one dependency (MongoDB, Redis) answers. Never throws, never says why. */
public interface DependencyProbe {

  /** Short name reported by readiness, e.g. {@code mongo}. */
  String name();

  boolean healthy();
}
