package io.killtoken.bootstrap;

import io.killtoken.bootstrap.config.AppConfig;
import java.time.InstantSource;

/** Test access to {@link Wiring#start} for end-to-end tests in sub-packages. */
public final class Nodes {

  private Nodes() {}

  public static Wiring start(AppConfig config, InstantSource clock) {
    return Wiring.start(config, clock);
  }
}
