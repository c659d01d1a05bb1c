package io.killtoken.adapters.crypto.password;

import io.killtoken.domain.error.Overloaded;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Lets scrypt hashes run only while their arrays fit in the heap's scrypt budget: each hash holds
 * its size in MiB of a fair semaphore; one that cannot get them within the wait is refused with
 * {@link Overloaded} instead of risking an {@link OutOfMemoryError} for every request in flight.
 */
final class ScryptGate {

  static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private final Semaphore mib;
  private final int totalMib;
  private final Duration maxWait;

  /**
   * @param totalMib the MiB every hash in flight may hold together
   * @param maxWait how long a hash waits for room before it is refused
   */
  ScryptGate(int totalMib, Duration maxWait) {
    if (totalMib < 1) {
      throw new IllegalArgumentException("the scrypt budget must hold at least 1 MiB");
    }
    this.mib = new Semaphore(totalMib, true);
    this.totalMib = totalMib;
    this.maxWait = maxWait;
  }

  /** Runs one hash needing {@code needMib} MiB once there is room, or refuses it. */
  <T> T run(long needMib, Supplier<T> hash) {
    // A stored hash may state a cost above the whole budget: it then runs alone.
    int permits = (int) Math.min(Math.max(1, needMib), totalMib);
    boolean acquired;
    try {
      acquired = mib.tryAcquire(permits, maxWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      throw new Overloaded(
          "password_hashing_busy",
          "Too many sign-ins at once. Try again in a moment.",
          RETRY_AFTER);
    }
    try {
      return hash.get();
    } finally {
      mib.release(permits);
    }
  }

  int totalMib() {
    return totalMib;
  }
}
