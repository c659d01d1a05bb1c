package io.killtoken.application.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock tests move by hand, so expiry and "once a minute" are checked without sleeping. */
public final class TestClock implements InstantSource {

  private volatile Instant now;

  public TestClock() {
    this(Instant.parse("2025-06-01T12:00:00Z"));
  }

  public TestClock(Instant start) {
    this.now = start;
  }

  @Override
  public Instant instant() {
    return now;
  }

  public void advance(Duration by) {
    now = now.plus(by);
  }
}
