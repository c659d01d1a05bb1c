package io.killtoken.adapters.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Test fixture: a real Redis for adapter and end-to-end tests, never the machine's own on 6379.
 *
 * <p>It is, in this order: the server named by {@code KILLTOKEN_TEST_REDIS_URL}; a throwaway {@code
 * redis-server} on a free loopback port when the binary is on {@code PATH}; a {@code
 * redis:7-alpine} container when a Docker engine answers. With none of these it fails with what to
 * install, so a missing Redis is never mistaken for a passing run.
 *
 * <p>{@link #shared()} is one server for the whole test JVM. A test that stops Redis on purpose
 * takes a {@link #dedicated()} one instead, so other test classes keep theirs, and closes it.
 */
public final class RedisFixture implements AutoCloseable {

  /** The environment variable naming an existing Redis to test against. */
  public static final String URL_VARIABLE = "KILLTOKEN_TEST_REDIS_URL";

  private static final Duration STARTUP = Duration.ofSeconds(20);

  private static RedisFixture shared;

  private final Server server;
  private final boolean isShared;

  private RedisFixture(Server server, boolean isShared) {
    this.server = server;
    this.isShared = isShared;
  }

  /** The Redis every test in this JVM may use; started on first use, gone when the JVM exits. */
  public static synchronized RedisFixture shared() {
    if (shared == null) {
      String url = System.getenv(URL_VARIABLE);
      Server server =
          url != null && !url.isBlank() ? new ExternalServer(url.strip()) : startLocalServer();
      shared = new RedisFixture(server, true);
    }
    return shared;
  }

  /**
   * A Redis of the caller's own, started and free to {@link #stop()} and {@link #start()}; {@link
   * #close()} it when done. Always local (process or container), since an external server named by
   * {@value #URL_VARIABLE} cannot be stopped by a test.
   */
  public static RedisFixture dedicated() {
    return new RedisFixture(startLocalServer(), false);
  }

  /**
   * {@code redis://host:port}; the same before and after a {@link #stop()} and {@link #start()}.
   */
  public String url() {
    return server.url();
  }

  /** Stops the server, so clients see connections refused; {@link #start()} brings it back. */
  public void stop() {
    server.stop();
  }

  /** Starts the server again on the same address, empty. */
  public void start() {
    server.start();
  }

  /**
   * Freezes the server without closing a connection, as a hung host or a stopped VM does: {@code
   * kill -STOP} of the process (or a paused container). Clients connect and send, and wait for
   * replies that come only after {@link #thaw()}.
   */
  public void freeze() {
    server.freeze();
  }

  /**
   * Lets a {@link #freeze() frozen} server run again ({@code kill -CONT}); it answers what waited.
   */
  public void thaw() {
    server.thaw();
  }

  /** Stops a dedicated server for good; the shared one lives until the JVM exits. */
  @Override
  public void close() {
    if (!isShared) {
      server.stop();
    }
  }

  private static Server startLocalServer() {
    Optional<Path> binary = redisServerOnPath();
    if (binary.isPresent()) {
      return LocalProcessServer.started(binary.get());
    }
    if (dockerAvailable()) {
      ContainerServer server = new ContainerServer(freePort());
      server.start();
      return server;
    }
    throw new IllegalStateException(
        "No Redis to test against. Do one of: install redis-server so it is on PATH"
            + " (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis);"
            + " set "
            + URL_VARIABLE
            + "=redis://host:port to a Redis whose keys tests may write (not a production one);"
            + " or start a Docker engine so a redis:7-alpine container can run.");
  }

  private static Optional<Path> redisServerOnPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
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

  /** Asks Testcontainers only when there is a socket or host to ask, since asking can be slow. */
  private static boolean dockerAvailable() {
    String home = System.getProperty("user.home", "");
    boolean somewhereToAsk =
        System.getenv("DOCKER_HOST") != null
            || Files.exists(Path.of("/var/run/docker.sock"))
            || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
            || Files.exists(Path.of(home, ".testcontainers.properties"));
    if (!somewhereToAsk) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /**
   * A {@code redis://} URL on a loopback port where nothing listens (it was free a moment ago), for
   * tests of behaviour while Redis is unreachable.
   */
  public static String unreachableUrl() {
    return "redis://127.0.0.1:" + freePort();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free local port", e);
    }
  }

  /**
   * True when a Redis at host:port answers PING, spoken directly so the fixture needs no client.
   */
  static boolean answersPing(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      socket.setSoTimeout(1_000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] reply = new byte[7];
      InputStream in = socket.getInputStream();
      int read = in.readNBytes(reply, 0, reply.length);
      return new String(reply, 0, read, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    } catch (IOException e) {
      return false;
    }
  }

  private static void awaitPing(String host, int port, String what) {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (answersPing(host, port)) {
        return;
      }
      sleep(Duration.ofMillis(50));
    }
    throw new IllegalStateException(what + " did not answer PING within " + STARTUP);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Redis", e);
    }
  }

  /** One way of having a Redis. */
  private sealed interface Server permits ExternalServer, LocalProcessServer, ContainerServer {

    String url();

    void start();

    void stop();

    void freeze();

    void thaw();
  }

  /** A Redis someone else runs: used as is, never stopped. */
  private record ExternalServer(String url) implements Server {

    @Override
    public void start() {
      throw notOurs();
    }

    @Override
    public void stop() {
      throw notOurs();
    }

    @Override
    public void freeze() {
      throw notOurs();
    }

    @Override
    public void thaw() {
      throw notOurs();
    }

    private static IllegalStateException notOurs() {
      return new IllegalStateException(
          "the shared Redis comes from "
              + URL_VARIABLE
              + " and cannot be stopped or started by a test; use RedisFixture.dedicated()");
    }
  }

  /** A throwaway redis-server child process: loopback only, nothing written to disk. */
  private static final class LocalProcessServer implements Server {

    private final Path binary;
    private final int port;
    private final Path workDir;
    private Process process;

    private LocalProcessServer(Path binary, int port, Path workDir) {
      this.binary = binary;
      this.port = port;
      this.workDir = workDir;
      // Also on a failed or forgotten close(): no redis-server outlives the test JVM.
      Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "redis-fixture-stop"));
    }

    /** Starts on a free port, trying another if a racing process took the first one. */
    static LocalProcessServer started(Path binary) {
      Path workDir;
      try {
        workDir = Files.createTempDirectory("killtoken-redis-");
      } catch (IOException e) {
        throw new IllegalStateException("cannot create a working folder for redis-server", e);
      }
      IllegalStateException last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        LocalProcessServer server = new LocalProcessServer(binary, freePort(), workDir);
        try {
          server.start();
          return server;
        } catch (IllegalStateException e) {
          server.stop();
          last = e;
        }
      }
      throw last;
    }

    @Override
    public String url() {
      return "redis://127.0.0.1:" + port;
    }

    @Override
    public synchronized void start() {
      if (process != null && process.isAlive()) {
        return;
      }
      Path log = workDir.resolve("redis-" + port + ".log");
      ProcessBuilder builder =
          new ProcessBuilder(
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
                  workDir.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      // The server keeps the machine's clock when the tests run under a moved one (libfaketime's
      // preload, with which redis-server cannot start): the tests' time is the JVM's business.
      builder.environment().remove("LD_PRELOAD");
      try {
        process = builder.start();
      } catch (IOException e) {
        throw new IllegalStateException("cannot run " + binary, e);
      }
      long deadline = System.nanoTime() + STARTUP.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "redis-server exited at start (exit " + process.exitValue() + "): " + tail(log));
        }
        if (answersPing("127.0.0.1", port)) {
          return;
        }
        sleep(Duration.ofMillis(20));
      }
      throw new IllegalStateException(
          "redis-server did not answer PING within " + STARTUP + ": " + tail(log));
    }

    @Override
    public synchronized void stop() {
      if (process == null) {
        return;
      }
      if (process.isAlive()) {
        // A frozen process would act on SIGTERM only once it runs again.
        signal("CONT");
      }
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      process = null;
    }

    @Override
    public synchronized void freeze() {
      signal("STOP");
    }

    @Override
    public synchronized void thaw() {
      signal("CONT");
    }

    private void signal(String name) {
      if (process == null || !process.isAlive()) {
        throw new IllegalStateException("redis-server is not running");
      }
      try {
        Process kill =
            new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                .redirectErrorStream(true)
                .start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
          throw new IllegalStateException("kill -" + name + " of redis-server failed");
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot run kill -" + name, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while signalling redis-server", e);
      }
    }

    private static String tail(Path log) {
      try {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
      } catch (IOException e) {
        return "(no log)";
      }
    }
  }

  /**
   * A redis:7-alpine container published on a fixed host port, so its URL survives a stop and a
   * start (each start makes a fresh container).
   */
  private static final class ContainerServer implements Server {

    private final int hostPort;
    private GenericContainer<?> container;

    ContainerServer(int hostPort) {
      this.hostPort = hostPort;
    }

    @Override
    public String url() {
      return "redis://" + DockerClientFactory.instance().dockerHostIpAddress() + ":" + hostPort;
    }

    @Override
    public synchronized void start() {
      if (container != null) {
        return;
      }
      GenericContainer<?> created =
          new GenericContainer<>(DockerImageName.parse("redis:7-alpine"))
              .withExposedPorts(6379)
              .withCommand("redis-server", "--save", "", "--appendonly", "no")
              .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1));
      created.setPortBindings(List.of(hostPort + ":6379"));
      created.start();
      container = created;
      awaitPing(DockerClientFactory.instance().dockerHostIpAddress(), hostPort, "redis container");
    }

    @Override
    public synchronized void stop() {
      if (container != null) {
        container.stop();
        container = null;
      }
    }

    @Override
    public synchronized void freeze() {
      DockerClientFactory.instance().client().pauseContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public synchronized void thaw() {
      DockerClientFactory.instance()
          .client()
          .unpauseContainerCmd(container.getContainerId())
          .exec();
    }
  }
}
