package io.killtoken.bootstrap.process;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;

/**
 * A MongoDB-wire server for {@link MongoWireProcess}: mongo-java-server's in-memory backend on a
 * loopback port, in a JVM of its own, so a test can freeze or kill it as it would a real mongod.
 */
public final class MongoWireServer {

  private MongoWireServer() {}

  /** {@code MongoWireServer <port>}: serves until its standard input closes or it is killed. */
  public static void main(String[] args) throws IOException {
    MongoServer server = new MongoServer(new MemoryBackend());
    try {
      server.bind("127.0.0.1", Integer.parseInt(args[0]));
      System.out.println("listening on " + server.getLocalAddress().getPort());
      while (System.in.read() >= 0) {
        // nothing is sent; end of input means the test is gone
      }
    } finally {
      server.shutdownNow();
    }
  }
}
