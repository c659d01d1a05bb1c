package io.killtoken.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway {@code redis-server} on a free loopback port, nothing written to disk (no snapshots,
 * no append-only file), as KillToken's {@code REDIS_URL}.
 */
final class RedisProcess implements AutoCloseable {

  private final ChildProcess process;
  private final int port;

  private RedisProcess(ChildProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  static RedisProcess start(Path workDir, Path log) throws InterruptedException {
    Path binary = binary();
    int port = Loopback.freePort();
    ChildProcess process =
        ChildProcess.start(
            "redis-server",
            List.of(
                binary.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                workDir.toString()),
            Map.of(),
            log);
    try {
      Loopback.awaitListening(process, port, Duration.ofSeconds(30));
    } catch (RuntimeException | InterruptedException e) {
      process.close();
      throw e;
    }
    return new RedisProcess(process, port);
  }

  /** {@code redis-server --version}, e.g. "Redis server v=7.0.15 …", or "redis-server". */
  static String version() {
    try {
      Process version =
          new ProcessBuilder(binary().toString(), "--version").redirectErrorStream(true).start();
      String out =
          new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      version.waitFor(10, TimeUnit.SECONDS);
      int sha = out.indexOf(" sha=");
      return sha < 0 ? out : out.substring(0, sha);
    } catch (IOException | IllegalStateException e) {
      return "redis-server";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "redis-server";
    }
  }

  private static Path binary() {
    return onPath()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "redis-server is not on the PATH: install it (Debian/Ubuntu: apt-get install"
                        + " redis-server), or run with --embedded"));
  }

  private static Optional<Path> onPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.alive();
  }

  String logTail(int lines) {
    return process.logTail(lines);
  }

  /** KillToken's {@code REDIS_URL}. */
  String url() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.close();
  }
}
