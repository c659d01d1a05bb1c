package io.killtoken.bootstrap.process;

import io.killtoken.bootstrap.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KillToken in a JVM of its own, started as {@code scripts/run} starts the jar: {@code Main} with
 * the shipped options of {@code scripts/jvm-options} and the production logging configuration, its
 * environment given entirely by the test. It can be stopped like an operator does (SIGTERM) or
 * killed like a crash does (SIGKILL); its log is a file the test can read.
 */
public final class MainProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final Path log;
  private final int port;

  private MainProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts KillToken with {@code env} (plus {@code KILLTOKEN_PORT=0} and {@code
   * KILLTOKEN_HOST=127.0.0.1}) and waits until it listens; its log goes to {@code log}, appended.
   */
  public static MainProcess start(Map<String, String> env, Path log) throws InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ShippedJvm.java());
    command.addAll(ShippedJvm.options());
    command.add("-cp");
    command.add(ShippedJvm.mainClassPath());
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
        return new MainProcess(process, log, Integer.parseInt(listening.group(1)));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("KillToken did not start; its log:\n" + read(log));
      }
      Thread.sleep(50);
    }
    process.destroyForcibly();
    throw new IllegalStateException("KillToken did not listen in time; its log:\n" + read(log));
  }

  public int port() {
    return port;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  public long pid() {
    return process.pid();
  }

  /** Everything this process (and earlier ones on the same file) logged so far. */
  public String log() {
    return read(log);
  }

  /** Sends SIGTERM ({@link Process#destroy()} on Linux), as an orchestrator stopping a node. */
  public void terminate() {
    process.destroy();
  }

  /** Waits for the process to end; its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("KillToken did not stop within " + timeout + "; log:\n" + log());
    }
    return process.exitValue();
  }

  /** {@code kill -9}: no shutdown hook, no flush, nothing closed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("KillToken did not die on SIGKILL");
    }
  }

  /** SIGTERM, as an orchestrator stops it; waits for the graceful stop to end. */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
