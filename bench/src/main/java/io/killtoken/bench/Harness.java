package io.killtoken.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Everything a run measures against: the fake provider, KillToken and (unless KillToken runs on its
 * embedded defaults) its stores in their own processes, one tenant set up in KillToken, the two
 * targets (direct and through the gateway), and KillToken's memory sampled throughout. Logs and
 * data live in a temporary folder, removed after a clean run.
 */
final class Harness implements AutoCloseable {

  private static final Duration RSS_EVERY = Duration.ofMillis(100);

  private final Path workDir;
  private final FakeProviderProcess fake;
  private final Optional<ExternalStores> stores;
  private final KillTokenProcess killToken;
  private final RssSampler rss;
  private final Target direct;
  private final Target gateway;
  private boolean failed;

  private Harness(
      Path workDir,
      FakeProviderProcess fake,
      Optional<ExternalStores> stores,
      KillTokenProcess killToken,
      RssSampler rss,
      Target direct,
      Target gateway) {
    this.workDir = workDir;
    this.fake = fake;
    this.stores = stores;
    this.killToken = killToken;
    this.rss = rss;
    this.direct = direct;
    this.gateway = gateway;
  }

  static Harness start(Options options) throws IOException, InterruptedException {
    Path workDir = Files.createTempDirectory("killtoken-bench-");
    System.out.println("logs and data: " + workDir);
    String classPath = System.getProperty("java.class.path");
    FakeProviderProcess fake =
        FakeProviderProcess.start(classPath, workDir.resolve("fake-provider.log"));
    Optional<ExternalStores> stores = Optional.empty();
    KillTokenProcess killToken = null;
    try {
      if (!options.embedded()) {
        stores = Optional.of(ExternalStores.start(classPath, workDir));
      }
      killToken =
          KillTokenProcess.start(
              options.killTokenJar(),
              options.killTokenJvmArgs(),
              stores.map(ExternalStores::env).orElse(Map.of()),
              fake.baseUrl(),
              workDir.resolve("data"),
              workDir.resolve("killtoken.log"));
      String providerKey = "sk-proj-bench-" + UUID.randomUUID().toString().replace("-", "");
      String gatewayKey = killToken.provisionTenant(providerKey);
      return new Harness(
          workDir,
          fake,
          stores,
          killToken,
          new RssSampler(killToken.pid(), RSS_EVERY),
          new Target("direct", fake.chatCompletions(), providerKey),
          new Target("gateway", killToken.chatCompletions(), gatewayKey));
    } catch (IOException | RuntimeException | InterruptedException e) {
      if (killToken != null) {
        System.err.println("KillToken's log ends with:\n" + killToken.logTail(40));
        killToken.close();
      }
      stores.ifPresent(ExternalStores::close);
      fake.close();
      throw e;
    }
  }

  Target direct() {
    return direct;
  }

  Target gateway() {
    return gateway;
  }

  RssSampler rss() {
    return rss;
  }

  void latency(Duration latency) throws IOException, InterruptedException {
    fake.latency(latency);
  }

  /**
   * Sends every kind of call both ways so that connections are open and the JIT compilers have seen
   * the hot paths; any error here stops the run, since every later number would be suspect.
   */
  void warmUp(Duration gatewayEach, Duration directEach, int concurrency)
      throws InterruptedException {
    for (Target target : List.of(gateway, direct)) {
      for (Kind kind : Kind.values()) {
        Sample sample =
            LoadGenerator.run(
                    target,
                    List.of(kind),
                    concurrency,
                    Duration.ZERO,
                    target == gateway ? gatewayEach : directEach,
                    LoadGenerator.WindowListener.NONE)
                .get(kind);
        if (sample.errors() > 0 || sample.requests() == 0) {
          failed = true;
          throw new IllegalStateException(
              "warm-up "
                  + target.name()
                  + " "
                  + kind.label()
                  + ": "
                  + sample.requests()
                  + " calls, "
                  + sample.errors()
                  + " errors, first: "
                  + sample.firstError().orElse("none")
                  + "\nKillToken's log ends with:\n"
                  + killToken.logTail(40));
        }
      }
    }
  }

  /** One measured window of one kind of call against one target. */
  Window measure(Target target, Kind kind, int concurrency, Duration warmup, Duration window)
      throws InterruptedException {
    Probe probe = probe();
    Sample sample =
        LoadGenerator.run(target, List.of(kind), concurrency, warmup, window, probe).get(kind);
    requireAlive();
    return new Window(sample, probe.cpu(), probe.rssPeak(), rss.latest());
  }

  /** Mixed calls through the gateway, with the probe the caller reads afterwards. */
  Map<Kind, Sample> measureMixed(
      Target target, int concurrency, Duration warmup, Duration window, Probe probe)
      throws InterruptedException {
    Map<Kind, Sample> samples =
        LoadGenerator.run(target, List.of(Kind.values()), concurrency, warmup, window, probe);
    requireAlive();
    return samples;
  }

  Probe probe() {
    return new Probe();
  }

  private void requireAlive() {
    if (!killToken.alive()) {
      failed = true;
      throw new IllegalStateException(
          "KillToken stopped during the run; its log ends with:\n" + killToken.logTail(40));
    }
    try {
      stores.ifPresent(ExternalStores::requireAlive);
    } catch (IllegalStateException e) {
      failed = true;
      throw e;
    }
  }

  /** Marks the run as failed: logs and data are kept for a look. */
  void keepFiles() {
    failed = true;
  }

  @Override
  public void close() {
    rss.close();
    killToken.close();
    stores.ifPresent(ExternalStores::close);
    fake.close();
    if (failed) {
      System.err.println("logs and data kept in " + workDir);
      return;
    }
    try (Stream<Path> files = Files.walk(workDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads CPU times and KillToken's memory at the start and the end of a measured window. */
  final class Probe implements LoadGenerator.WindowListener {
    private CpuTimes begin;
    private CpuTimes end;
    private long rssPeak;

    @Override
    public void begin() {
      rss.resetWindow();
      begin = cpuNow();
    }

    @Override
    public void end() {
      end = cpuNow();
      rssPeak = rss.windowPeak();
    }

    private CpuTimes cpuNow() {
      return CpuTimes.now(
          fake.pid(),
          killToken.pid(),
          stores.map(s -> OptionalLong.of(s.mongoPid())).orElse(OptionalLong.empty()),
          stores.map(s -> OptionalLong.of(s.redisPid())).orElse(OptionalLong.empty()));
    }

    CpuTimes cpu() {
      return end.minus(begin);
    }

    long rssPeak() {
      return rssPeak;
    }
  }
}
