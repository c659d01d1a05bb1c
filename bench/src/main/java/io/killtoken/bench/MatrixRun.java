package io.killtoken.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The default run: for each provider latency and concurrency, JSON then streaming calls, each
 * measured straight to the fake provider and then through KillToken, back to back in one run.
 */
final class MatrixRun {

  /**
   * KillToken's JIT needs minutes of load on two cores to settle; the run starts with what fits the
   * time budget, and measures the target point (20 ms, 100 connections) last, when
   * KillToken has been under load longest.
   */
  private static final Duration WARM_UP_GATEWAY = Duration.ofSeconds(10);

  private static final Duration WARM_UP_DIRECT = Duration.ofSeconds(2);
  private static final int WARM_UP_CONCURRENCY = 16;

  /** The whole run's results. */
  record Result(
      Machine machine,
      Options options,
      List<Point> points,
      long rssStart,
      long rssPeak,
      long rssEnd) {

    Result {
      Objects.requireNonNull(machine, "machine");
      Objects.requireNonNull(options, "options");
      points = List.copyOf(points);
    }
  }

  private MatrixRun() {}

  static Result run(Options options, Machine machine) throws IOException, InterruptedException {
    long windows =
        2L * Kind.values().length * options.latenciesMillis().size() * options.concurrency().size();
    Duration each = options.warmup().plus(options.duration());
    System.out.printf(
        "%d points × (direct + gateway), %d s each: about %d s of load after a %d s warm-up%n",
        windows / 2,
        each.toSeconds(),
        each.multipliedBy(windows).toSeconds(),
        WARM_UP_GATEWAY.plus(WARM_UP_DIRECT).multipliedBy(2).toSeconds());
    try (Harness harness = Harness.start(options)) {
      try {
        long rssStart = harness.rss().latest();
        harness.latency(Duration.ZERO);
        harness.warmUp(WARM_UP_GATEWAY, WARM_UP_DIRECT, WARM_UP_CONCURRENCY);
        List<Point> points = new ArrayList<>();
        for (int latency : options.latenciesMillis()) {
          harness.latency(Duration.ofMillis(latency));
          for (int concurrency : options.concurrency()) {
            for (Kind kind : Kind.values()) {
              Window direct =
                  harness.measure(
                      harness.direct(), kind, concurrency, options.warmup(), options.duration());
              Window gateway =
                  harness.measure(
                      harness.gateway(), kind, concurrency, options.warmup(), options.duration());
              Point point = new Point(latency, concurrency, kind, direct, gateway);
              points.add(point);
              System.out.println(MatrixReport.line(point, options.embedded()));
            }
          }
        }
        return new Result(
            machine, options, points, rssStart, harness.rss().peak(), harness.rss().latest());
      } catch (IOException | RuntimeException | InterruptedException e) {
        harness.keepFiles();
        throw e;
      }
    }
  }
}
