package io.killtoken.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The memory soak: JSON and streaming calls mixed through KillToken at the largest latency and
 * concurrency for minutes, KillToken's resident memory sampled throughout.
 */
final class SoakRun {

  private static final Duration WARM_UP = Duration.ofSeconds(20);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

  /**
   * The soak's results.
   *
   * @param timeline KillToken's RSS during the measured window, seconds from its start
   * @param embedded KillToken ran on its embedded defaults (no store processes of its own)
   */
  record Result(
      Machine machine,
      boolean embedded,
      Duration length,
      int latencyMillis,
      int concurrency,
      Map<Kind, Sample> samples,
      CpuTimes cpu,
      List<RssSampler.Point> timeline,
      long rssBeforeLoad) {

    Result {
      Objects.requireNonNull(machine, "machine");
      samples = Map.copyOf(samples);
      timeline = List.copyOf(timeline);
    }

    long calls() {
      return samples.values().stream().mapToLong(Sample::requests).sum();
    }

    long errors() {
      return samples.values().stream().mapToLong(Sample::errors).sum();
    }
  }

  private SoakRun() {}

  static Result run(Options options, Machine machine, Duration length)
      throws IOException, InterruptedException {
    int latency = options.maxLatency();
    int concurrency = options.maxConcurrency();
    System.out.printf(
        "soak: %d s of mixed JSON and streaming calls through KillToken, provider latency %d ms,"
            + " %d connections, after a %d s warm-up%n",
        length.toSeconds(), latency, concurrency, WARM_UP.toSeconds());
    try (Harness harness = Harness.start(options)) {
      try {
        long rssBefore = harness.rss().latest();
        harness.latency(Duration.ofMillis(latency));
        Harness.Probe probe = harness.probe();
        double[] beganAt = {Double.NaN};
        LoadGenerator.WindowListener listener =
            new LoadGenerator.WindowListener() {
              @Override
              public void begin() {
                probe.begin();
                beganAt[0] = harness.rss().seconds();
              }

              @Override
              public void end() {
                probe.end();
              }
            };
        Thread progress =
            Thread.ofPlatform().daemon().name("soak-progress").start(() -> progress(harness));
        Map<Kind, Sample> samples;
        try {
          samples =
              LoadGenerator.run(
                  harness.gateway(),
                  List.of(Kind.values()),
                  concurrency,
                  WARM_UP,
                  length,
                  listener);
        } finally {
          progress.interrupt();
        }
        List<RssSampler.Point> timeline =
            harness.rss().timeline().stream()
                .filter(
                    p ->
                        p.seconds() >= beganAt[0] && p.seconds() <= beganAt[0] + length.toSeconds())
                .map(p -> new RssSampler.Point(p.seconds() - beganAt[0], p.bytes()))
                .toList();
        return new Result(
            machine,
            options.embedded(),
            length,
            latency,
            concurrency,
            samples,
            probe.cpu(),
            timeline,
            rssBefore);
      } catch (IOException | RuntimeException | InterruptedException e) {
        harness.keepFiles();
        throw e;
      }
    }
  }

  private static void progress(Harness harness) {
    long started = System.nanoTime();
    while (true) {
      try {
        Thread.sleep(PROGRESS_EVERY);
      } catch (InterruptedException e) {
        return;
      }
      System.out.printf(
          "  %4d s: KillToken RSS %s MB (peak so far %s MB)%n",
          Duration.ofNanos(System.nanoTime() - started).toSeconds(),
          Cells.megabytes(harness.rss().latest()),
          Cells.megabytes(harness.rss().peak()));
    }
  }
}
