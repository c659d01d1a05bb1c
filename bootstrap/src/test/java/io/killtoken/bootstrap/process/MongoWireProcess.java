package io.killtoken.bootstrap.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A MongoDB-wire server ({@link MongoWireServer}) in its own JVM on a free loopback port, which a
 * test freezes ({@code kill -STOP}: connections stay open, nothing answers), thaws and kills
 * ({@code kill -9}) as it would a real mongod.
 */
public final class MongoWireProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final int port;

  private MongoWireProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static MongoWireProcess start() throws InterruptedException {
    int port = freePort();
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    ShippedJvm.java(),
                    "-Xmx256m",
                    "-cp",
                    ShippedJvm.testClassPath(),
                    MongoWireServer.class.getName(),
                    Integer.toString(port)))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the MongoDB-wire server", e);
    }
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!listening(port)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("the MongoDB-wire server did not start on port " + port);
      }
      Thread.sleep(50);
    }
    return new MongoWireProcess(process, port);
  }

  /** KillToken's {@code MONGODB_URI}. */
  public String uri() {
    return "mongodb://127.0.0.1:" + port;
  }

  /** {@code kill -STOP}: the server keeps its connections and answers nothing. */
  public void freeze() throws InterruptedException {
    signal("STOP");
  }

  /** {@code kill -CONT}: the server answers what waited. */
  public void thaw() throws InterruptedException {
    signal("CONT");
  }

  /** {@code kill -9}: its connections are reset and the port refuses new ones. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the MongoDB-wire server did not die on SIGKILL");
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  private void signal(String name) throws InterruptedException {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
              .redirectErrorStream(true)
              .start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " of the MongoDB-wire server failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run kill -" + name, e);
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
