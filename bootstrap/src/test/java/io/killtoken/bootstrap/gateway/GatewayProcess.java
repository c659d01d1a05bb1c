package io.killtoken.bootstrap.gateway;

import io.killtoken.bootstrap.Main;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KillToken in a JVM of its own, started as {@code scripts/run} starts the jar: {@code Main} with
 * the options of {@code scripts/jvm-options} and the production logging configuration, its
 * environment given entirely by the test, stopped with a real SIGTERM.
 */
final class GatewayProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final Path log;
  private final int port;

  private GatewayProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts KillToken on a free loopback port with {@code env} and waits until it listens. */
  static GatewayProcess start(Map<String, String> env, Path log) throws InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(shippedJvmOptions());
    command.add("-cp");
    command.add(mainClassPath());
    command.add(Main.class.getName());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> childEnv = builder.environment();
    String path = childEnv.get("PATH");
    childEnv.clear();
    if (path != null) {
      childEnv.put("PATH", path);
    }
    childEnv.put("KILLTOKEN_PORT", "0");
    childEnv.put("KILLTOKEN_HOST", "127.0.0.1");
    childEnv.putAll(env);
    int logStart = read(log).length();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start KillToken", e);
    }
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher listening = LISTENING.matcher(read(log).substring(logStart));
      if (listening.find()) {
        return new GatewayProcess(process, log, Integer.parseInt(listening.group(1)));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("KillToken did not start; its log:\n" + read(log));
      }
      Thread.sleep(50);
    }
    process.destroyForcibly();
    throw new IllegalStateException("KillToken did not listen in time; its log:\n" + read(log));
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Sends SIGTERM ({@link Process#destroy()} on Linux), as an orchestrator stopping a node. */
  void terminate() {
    process.destroy();
  }

  /** Waits for the process to end; its exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("KillToken did not stop within " + timeout + "; log:\n" + log());
    }
    return process.exitValue();
  }

  String log() {
    return read(log);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  /** The options of scripts/jvm-options, comments and blank lines left out. */
  static List<String> shippedJvmOptions() {
    Path options = repositoryRoot().resolve("scripts/jvm-options");
    try {
      List<String> out = new ArrayList<>();
      for (String line : Files.readAllLines(options)) {
        String option = line.replaceAll("#.*", "").strip();
        if (!option.isEmpty()) {
          out.addAll(Arrays.asList(option.split("\\s+")));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // The class path of this test JVM without the test classes, so the child logs with the
  // production logback.xml as the jar does.
  private static String mainClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes"))
        .reduce((a, b) -> a + File.pathSeparator + b)
        .orElseThrow();
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("scripts/jvm-options"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("scripts/jvm-options not found above the working folder");
    }
    return dir;
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
