package io.killtoken.application.gateway;

import java.time.Duration;

/** Waits between two attempts; tests replace it to keep time their own. */
@FunctionalInterface
public interface Pause {

  Pause SLEEP = duration -> Thread.sleep(duration);

  void pause(Duration duration) throws InterruptedException;
}
