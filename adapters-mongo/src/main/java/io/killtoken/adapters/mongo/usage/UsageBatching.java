package io.killtoken.adapters.mongo.usage;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link MongoUsageSink} buffers and writes usage records.
 *
 * @param capacity records held in memory at most; beyond it {@code record} waits for space
 * @param batchSize records written by one {@code insertMany} at most
 * @param linger how long the oldest buffered record may wait for its batch to fill; zero writes
 *     whatever is there at once
 * @param firstRetry wait after the first failed write; doubled after each further failure
 * @param maxRetry cap of that wait, so writes resume soon after MongoDB comes back
 * @param closeTimeout how long {@code close} waits for every buffered record to be stored
 */
public record UsageBatching(
    int capacity,
    int batchSize,
    Duration linger,
    Duration firstRetry,
    Duration maxRetry,
    Duration closeTimeout) {

  /**
   * 100,000 records buffered (about 50 MB when full, only during an outage), batches of 500 or 100
   * ms, retries from 100 ms doubling up to 5 s, 20 s to flush on close.
   */
  public static final UsageBatching DEFAULTS =
      new UsageBatching(
          100_000,
          500,
          Duration.ofMillis(100),
          Duration.ofMillis(100),
          Duration.ofSeconds(5),
          Duration.ofSeconds(20));

  public UsageBatching {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1");
    }
    notNegative(linger, "linger");
    notNegative(firstRetry, "firstRetry");
    notNegative(maxRetry, "maxRetry");
    notNegative(closeTimeout, "closeTimeout");
    if (firstRetry.toMillis() < 1) {
      throw new IllegalArgumentException("firstRetry must be at least one millisecond");
    }
    if (maxRetry.compareTo(firstRetry) < 0) {
      throw new IllegalArgumentException("maxRetry must not be shorter than firstRetry");
    }
  }

  /** These settings with another buffer capacity. */
  public UsageBatching withCapacity(int newCapacity) {
    return new UsageBatching(newCapacity, batchSize, linger, firstRetry, maxRetry, closeTimeout);
  }

  /** These settings with another time allowed to flush on close. */
  public UsageBatching withCloseTimeout(Duration newCloseTimeout) {
    return new UsageBatching(capacity, batchSize, linger, firstRetry, maxRetry, newCloseTimeout);
  }

  private static void notNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
  }
}
