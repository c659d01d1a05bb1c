package io.killtoken.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process started by the benchmark (a JVM, or redis-server), so that its CPU time and memory can
 * be read on their own. Its output goes to a log file; it is stopped with SIGTERM (a graceful
 * stop), then killed if it does not end in time, and also when the benchmark itself exits.
 */
final class ChildProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;
  private final Thread reaper;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.reaper = new Thread(process::destroyForcibly, "stop-" + name);
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /**
   * Starts {@code java <jvmArgs> <args>} with the same java as this JVM.
   *
   * @param env replaces the inherited environment entirely, but for PATH and HOME
   */
  static ChildProcess java(
      String name, List<String> jvmArgs, List<String> args, Map<String, String> env, Path log) {
    List<String> command = new ArrayList<>();
    command.add(javaCommand());
    command.addAll(jvmArgs);
    command.addAll(args);
    return start(name, command, env, log);
  }

  /**
   * Starts {@code command}.
   *
   * @param env replaces the inherited environment entirely, but for PATH and HOME
   */
  static ChildProcess start(String name, List<String> command, Map<String, String> env, Path log) {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> childEnv = builder.environment();
    String path = childEnv.get("PATH");
    String home = childEnv.get("HOME");
    childEnv.clear();
    if (path != null) {
      childEnv.put("PATH", path);
    }
    if (home != null) {
      childEnv.put("HOME", home);
    }
    childEnv.putAll(env);
    try {
      return new ChildProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  static String javaCommand() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** The end of the log, to show why the process failed. */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        System.err.println(name + " did not stop within 30 s after SIGTERM: killing it");
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: nothing left to do
    }
  }
}
