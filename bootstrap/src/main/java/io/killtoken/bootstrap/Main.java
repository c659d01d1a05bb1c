package io.killtoken.bootstrap;

import io.killtoken.bootstrap.config.AppConfig;
import io.killtoken.bootstrap.config.ConfigException;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts KillToken from the environment and stops it gracefully on SIGTERM or Ctrl-C. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    long started = System.nanoTime();
    AppConfig config;
    try {
      config = AppConfig.fromEnv(System.getenv());
    } catch (ConfigException e) {
      LOG.error(e.getMessage());
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (args.length == 1 && args[0].equals("reseal-credentials")) {
      var outcome = Wiring.resealCredentials(config);
      LOG.info(
          "resealed {} credentials under the current primary key; {} could not be opened",
          outcome.resealed(),
          outcome.unreadable());
      System.exit(outcome.unreadable() == 0 ? 0 : 1);
      return;
    }
    if (args.length > 0) {
      System.err.println("usage: killtoken.jar [reseal-credentials]");
      System.exit(2);
      return;
    }
    // Milliseconds: what MongoDB stores, so a time read back equals the time written.
    InstantSource clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    Wiring wiring;
    try {
      wiring = Wiring.start(config, clock);
    } catch (ConfigException e) {
      LOG.error(e.getMessage());
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    } catch (RuntimeException e) {
      // e.g. MongoDB unreachable at start: exit so the orchestrator restarts us; no half-started
      // node.
      LOG.error("KillToken could not start: {}", e.getClass().getSimpleName(), e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping: draining in-flight requests");
                  wiring.close();
                  LOG.info("stopped");
                },
                "killtoken-shutdown"));
    LOG.info(
        "KillToken {} listening on port {} ({} mode), started in {} ms",
        Main.class.getPackage().getImplementationVersion(),
        wiring.port(),
        config.mode().name().toLowerCase(java.util.Locale.ROOT),
        (System.nanoTime() - started) / 1_000_000);
  }
}
