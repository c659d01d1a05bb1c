package io.killtoken.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The command line of a benchmark run.
 *
 * @param duration the measured window of each point
 * @param warmup the unmeasured lead-in of each point (connections opened at that concurrency)
 * @param latenciesMillis the fake provider's latencies to measure at
 * @param concurrency the numbers of concurrent connections to measure at
 * @param soak present: run only the memory soak, for this long, at the largest latency and
 *     concurrency
 * @param doc the markdown file whose generated sections are replaced; empty: print only
 * @param killTokenJar the KillToken artifact under measurement
 * @param killTokenJvmArgs options for KillToken's JVM; by default those of {@link #JVM_OPTIONS},
 *     the ones {@code scripts/run} starts KillToken with
 * @param killTokenJvmArgsGiven true when {@code --killtoken-jvm-args} replaced the default
 * @param embedded KillToken on its embedded defaults (its store and counters inside its own JVM)
 *     instead of the production topology (a MongoDB-wire server and Redis, each its own process)
 */
record Options(
    Duration duration,
    Duration warmup,
    List<Integer> latenciesMillis,
    List<Integer> concurrency,
    Optional<Duration> soak,
    Optional<Path> doc,
    Path killTokenJar,
    List<String> killTokenJvmArgs,
    boolean killTokenJvmArgsGiven,
    boolean embedded) {

  /** KillToken's default JVM options, shared with {@code scripts/run}. */
  static final Path JVM_OPTIONS = Path.of("scripts", "jvm-options");

  static final String USAGE =
      """
      usage: bench/run [options]
        --duration SECONDS      measured window per point (default 10)
        --warmup SECONDS        warm-up before each window (default 1)
        --latencies MS,MS       fake provider latencies (default 0,20)
        --concurrency N,N,N     concurrent connections (default 1,16,100)
        --soak [SECONDS]        only the memory soak (default 300 s) at the largest latency and
                                concurrency, JSON and streaming calls mixed
        --doc PATH              markdown file to update (default docs/benchmarks.md)
        --no-doc                print the results only
        --killtoken-jar PATH    default bootstrap/target/killtoken.jar
        --killtoken-jvm-args "ARGS"  JVM options for KillToken (default: those in
                                scripts/jvm-options, as scripts/run uses; "" for the JVM's own)
        --cache-hits            every call at temperature 0, so KillToken answers from its cache
        --embedded              KillToken on its embedded defaults (store and counters in its own
                                JVM) instead of a MongoDB-wire server and redis-server, each in
                                its own process
      """;

  Options {
    latenciesMillis = List.copyOf(latenciesMillis);
    concurrency = List.copyOf(concurrency);
    killTokenJvmArgs = List.copyOf(killTokenJvmArgs);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("--duration must be positive");
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("--warmup must not be negative");
    }
    if (latenciesMillis.isEmpty() || concurrency.isEmpty()) {
      throw new IllegalArgumentException("--latencies and --concurrency need at least one value");
    }
    if (concurrency.stream().anyMatch(c -> c < 1 || c > 2000)) {
      throw new IllegalArgumentException("--concurrency values must be from 1 to 2000");
    }
    if (latenciesMillis.stream().anyMatch(l -> l < 0 || l > 10_000)) {
      throw new IllegalArgumentException("--latencies values must be from 0 to 10000 ms");
    }
  }

  static Options parse(String... args) {
    Duration duration = Duration.ofSeconds(10);
    Duration warmup = Duration.ofSeconds(1);
    List<Integer> latencies = List.of(0, 20);
    List<Integer> concurrency = List.of(1, 16, 100);
    Optional<Duration> soak = Optional.empty();
    Optional<Path> doc = Optional.of(Path.of("docs", "benchmarks.md"));
    Path jar = Path.of("bootstrap", "target", "killtoken.jar");
    Optional<List<String>> jvmArgs = Optional.empty();
    boolean embedded = false;
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    while (!rest.isEmpty()) {
      String flag = rest.removeFirst();
      switch (flag) {
        case "--duration" -> duration = seconds(flag, value(flag, rest));
        case "--warmup" -> warmup = seconds(flag, value(flag, rest));
        case "--latencies" -> latencies = numbers(flag, value(flag, rest));
        case "--concurrency" -> concurrency = numbers(flag, value(flag, rest));
        case "--soak" -> {
          boolean given = !rest.isEmpty() && rest.getFirst().matches("[0-9]+(\\.[0-9]+)?");
          soak = Optional.of(given ? seconds(flag, rest.removeFirst()) : Duration.ofMinutes(5));
        }
        case "--doc" -> doc = Optional.of(Path.of(value(flag, rest)));
        case "--no-doc" -> doc = Optional.empty();
        case "--killtoken-jar" -> jar = Path.of(value(flag, rest));
        case "--killtoken-jvm-args" -> jvmArgs = Optional.of(JvmOptions.split(value(flag, rest)));
        case "--embedded" -> embedded = true;
        case "--cache-hits" -> Kind.askDeterministically();
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    return new Options(
        duration,
        warmup,
        latencies,
        concurrency,
        soak,
        doc,
        jar,
        jvmArgs.orElseGet(() -> JvmOptions.read(JVM_OPTIONS)),
        jvmArgs.isPresent(),
        embedded);
  }

  int maxLatency() {
    return latenciesMillis.stream().mapToInt(Integer::intValue).max().orElseThrow();
  }

  int maxConcurrency() {
    return concurrency.stream().mapToInt(Integer::intValue).max().orElseThrow();
  }

  private static String value(String flag, List<String> rest) {
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return rest.removeFirst();
  }

  private static Duration seconds(String flag, String value) {
    try {
      return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " takes seconds, e.g. 10 or 0.5");
    }
  }

  private static List<Integer> numbers(String flag, String value) {
    try {
      return Arrays.stream(value.split(",")).map(String::strip).map(Integer::valueOf).toList();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " takes comma-separated whole numbers");
    }
  }
}
