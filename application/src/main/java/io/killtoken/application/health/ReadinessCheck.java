package io.killtoken.application.health;

import io.killtoken.domain.health.DependencyProbe;
import java.util.Objects;

/**
 * One dependency readiness looks at. A required one (MongoDB) makes the node unready when it fails;
 * an optional one (Redis: the cache degrades to misses) is reported but keeps the node serving.
 */
public record ReadinessCheck(DependencyProbe probe, boolean required) {

  public ReadinessCheck {
    Objects.requireNonNull(probe, "probe");
  }
}
