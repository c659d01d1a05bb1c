package io.killtoken.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The MongoDB-wire server in its own JVM ({@link MongoWireServer}), on a free loopback port. */
final class MongoWireProcess implements AutoCloseable {

  private final ChildProcess jvm;
  private final int port;

  private MongoWireProcess(ChildProcess jvm, int port) {
    this.jvm = jvm;
    this.port = port;
  }

  static MongoWireProcess start(String classPath, Path log) throws InterruptedException {
    int port = Loopback.freePort();
    ChildProcess jvm =
        ChildProcess.java(
            "mongo-wire-server",
            // The usage benchmark's million records and their rollups live in this heap.
            List.of("-Xmx" + System.getProperty("killtoken.bench.wireHeap", "6g")),
            List.of(
                "-cp",
                classPath,
                MongoWireServer.class.getName(),
                "--port",
                Integer.toString(port)),
            Map.of(),
            log);
    try {
      Loopback.awaitListening(jvm, port, Duration.ofSeconds(30));
    } catch (RuntimeException | InterruptedException e) {
      jvm.close();
      throw e;
    }
    return new MongoWireProcess(jvm, port);
  }

  long pid() {
    return jvm.pid();
  }

  boolean alive() {
    return jvm.alive();
  }

  String logTail(int lines) {
    return jvm.logTail(lines);
  }

  /** KillToken's {@code MONGODB_URI}. */
  String uri() {
    return "mongodb://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    jvm.close();
  }
}
