package io.killtoken.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where and how a run was made, so that its numbers can be read in context and reproduced.
 *
 * @param stores what KillToken keeps its data in: external processes or its embedded defaults
 * @param loadBefore the 1, 5 and 15 minute load averages just before the run: a busy machine skews
 *     every number
 */
record Machine(
    String date,
    String command,
    int cpus,
    String cpuModel,
    long memoryBytes,
    String os,
    String jdk,
    String killTokenJvmArgs,
    String stores,
    String commit,
    String loadBefore,
    double busyBefore) {

  static Machine describe(Options options, List<String> args) {
    String command = System.getenv("BENCH_COMMAND");
    if (command == null || command.isBlank()) {
      command = "java -jar bench/target/killtoken-bench.jar " + String.join(" ", args);
    }
    return new Machine(
        ZonedDateTime.now(ZoneOffset.UTC)
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
        command.strip(),
        Runtime.getRuntime().availableProcessors(),
        ProcFs.cpuModel(),
        ProcFs.memTotalBytes(),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
        jvmArgs(options),
        stores(options),
        gitCommit(),
        ProcFs.loadAverage(),
        busyNow());
  }

  private static String jvmArgs(Options options) {
    if (options.killTokenJvmArgs().isEmpty()) {
      return "none (the JVM's own defaults)";
    }
    return "`"
        + String.join(" ", options.killTokenJvmArgs())
        + "`"
        + (options.killTokenJvmArgsGiven()
            ? " (--killtoken-jvm-args)"
            : " (`" + Options.JVM_OPTIONS + "`, as `scripts/run` starts it)");
  }

  private static String stores(Options options) {
    if (options.embedded()) {
      return "embedded defaults: the MongoDB-wire server (H2 file) and the counters run inside"
          + " KillToken's JVM";
    }
    return "a MongoDB-wire server (mongo-java-server, in-memory backend) in its own JVM, standing in"
        + " for MongoDB; "
        + RedisProcess.version()
        + ", no persistence";
  }

  private static double busyNow() {
    long[] before = ProcFs.machineTicks();
    try {
      Thread.sleep(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long[] after = ProcFs.machineTicks();
    long total = after[1] - before[1];
    return total == 0 ? 0 : (double) (after[0] - before[0]) / total;
  }

  private static String gitCommit() {
    String head = git("rev-parse", "--short", "HEAD");
    if (head.isEmpty()) {
      return "unknown";
    }
    return git("status", "--porcelain").isEmpty() ? head : head + " (with uncommitted changes)";
  }

  private static String git(String... args) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    try {
      Process git =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  String markdown() {
    return "| | |\n|---|---|\n"
        + "| date | "
        + date
        + " |\n"
        + "| command | `"
        + command
        + "` |\n"
        + "| CPUs (nproc) | "
        + cpus
        + " × "
        + cpuModel
        + " |\n"
        + "| memory | "
        + memoryBytes / (1024 * 1024)
        + " MB |\n"
        + "| OS | "
        + os
        + " |\n"
        + "| JDK | "
        + jdk
        + " |\n"
        + "| KillToken JVM options | "
        + killTokenJvmArgs
        + " |\n"
        + "| KillToken's stores | "
        + stores
        + " |\n"
        + "| commit | "
        + commit
        + " |\n"
        + "| load average before the run | "
        + loadBefore
        + " |\n";
  }
}
