package io.killtoken.bootstrap.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KillToken run as a user runs it: {@code java $(scripts/jvm-options) -jar killtoken.jar} in its
 * own process, with only the environment given here. Its output (stdout and stderr) is kept.
 * Integration tests (run after {@code package}) use it; {@code -Dkilltoken.jar=…} points it at
 * another build of the jar.
 */
public final class JarProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");

  private final Process process;
  private final List<String> output = new ArrayList<>();
  private final Thread reader;
  private volatile int port = -1;

  private JarProcess(Process process) {
    this.process = process;
    this.reader = Thread.ofPlatform().daemon().start(this::readOutput);
  }

  /** The jar under test: {@code -Dkilltoken.jar}, else {@code target/killtoken.jar}. */
  public static Path jar() {
    Path jar = Path.of(System.getProperty("killtoken.jar", "target/killtoken.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar.toAbsolutePath() + " is missing: build it with ./mvnw -pl bootstrap -am package");
    }
    return jar;
  }

  /** Runs the jar with the shipped JVM options and waits (bounded) until it listens. */
  public static JarProcess start(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(ShippedJvm.java());
    command.addAll(ShippedJvm.options());
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // Only what the test says: no MONGODB_URI, REDIS_URL or secret of the machine leaks in.
    builder.environment().keySet().removeIf(name -> !name.equals("PATH") && !name.equals("HOME"));
    builder.environment().putAll(env);
    try {
      return new JarProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the server logs its port; fails with the output if it exits or takes too long. */
  public JarProcess awaitListening(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (port < 0) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("KillToken did not start listening:\n" + output());
      }
      sleep(50);
    }
    return this;
  }

  /** Waits (bounded) for the process to exit by itself and returns its exit code. */
  public int awaitExit(Duration limit) {
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("KillToken did not exit:\n" + output());
      }
      reader.join(limit.toMillis());
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return port;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Everything the process printed so far. */
  public String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /** Stops the process the way an orchestrator does: SIGTERM, then SIGKILL after 30 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      reader.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void readOutput() {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        synchronized (output) {
          output.add(line);
        }
        Matcher listening = LISTENING.matcher(line);
        if (port < 0 && listening.find()) {
          port = Integer.parseInt(listening.group(1));
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
