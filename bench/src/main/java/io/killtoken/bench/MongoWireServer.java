package io.killtoken.bench;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;

/**
 * The benchmark's stand-in for an external MongoDB, run as its own JVM ({@code java -cp
 * killtoken-bench.jar io.killtoken.bench.MongoWireServer --port N}): mongo-java-server's in-memory
 * backend on a loopback port, so that KillToken talks to its store over the wire, in another
 * process, as it does in production.
 */
public final class MongoWireServer {

  private MongoWireServer() {}

  /** Serves until the benchmark that started this JVM closes its standard input (or dies). */
  public static void main(String[] args) throws IOException {
    int port = 0;
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--port")) {
        port = Integer.parseInt(args[i + 1]);
      }
    }
    MongoServer server = new MongoServer(new MemoryBackend());
    try {
      server.bind("127.0.0.1", port);
      System.out.println(
          "MongoDB-wire server listening on 127.0.0.1:" + server.getLocalAddress().getPort());
      while (System.in.read() >= 0) {
        // nothing is sent; end of input means the benchmark is gone
      }
    } finally {
      server.shutdownNow();
    }
  }
}
