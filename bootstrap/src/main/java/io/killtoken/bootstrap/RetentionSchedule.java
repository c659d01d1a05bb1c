package io.killtoken.bootstrap;

import io.killtoken.application.retention.PurgeExpiredUsage;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the usage retention purge on one daemon thread: a minute after start, then every hour. A run
 * that fails (MongoDB down) is logged and the next one tries again; every node runs it, and a purge
 * is idempotent.
 */
final class RetentionSchedule implements AutoCloseable {

  static final Duration FIRST_RUN = Duration.ofMinutes(1);
  static final Duration EVERY = Duration.ofHours(1);

  private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);

  private final ScheduledExecutorService timer;

  private RetentionSchedule(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  static RetentionSchedule start(PurgeExpiredUsage purge) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "usage-retention");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(
        () -> run(purge), FIRST_RUN.toSeconds(), EVERY.toSeconds(), TimeUnit.SECONDS);
    return new RetentionSchedule(timer);
  }

  private static void run(PurgeExpiredUsage purge) {
    try {
      PurgeExpiredUsage.Purged purged = purge.run();
      if (purged.records() + purged.rollups() + purged.shadow() + purged.closed() > 0) {
        LOG.info(
            "usage retention: {} records, {} rollups, {} shadow entries and {} documents of closed"
                + " accounts removed across {} tenants",
            purged.records(),
            purged.rollups(),
            purged.shadow(),
            purged.closed(),
            purged.tenants());
      }
    } catch (RuntimeException e) {
      // The exception's text only: it names servers and error codes, never credentials.
      LOG.warn("usage retention run failed, trying again in {}: {}", EVERY, e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
