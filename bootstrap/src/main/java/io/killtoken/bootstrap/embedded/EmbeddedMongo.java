package io.killtoken.bootstrap.embedded;

import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The embedded default store: a MongoDB-wire server (mongo-java-server, H2 file backend) on a free
 * loopback port, data kept in one file under the data folder, every write committed to the file
 * before it is acknowledged ({@link CommittingH2Backend}). KillToken talks to it with the real
 * MongoDB driver and adapter, exactly as it would to a MongoDB cluster.
 */
public final class EmbeddedMongo implements AutoCloseable {

  private final MongoServer server;
  private final String connectionString;

  private EmbeddedMongo(MongoServer server, InetSocketAddress address) {
    this.server = server;
    this.connectionString = "mongodb://127.0.0.1:" + address.getPort();
  }

  public static EmbeddedMongo start(Path dataDir) {
    DataFolder.ensure(dataDir);
    MongoServer server =
        new MongoServer(new CommittingH2Backend(dataDir.resolve("mongo.h2").toString()));
    server.bind("127.0.0.1", 0);
    return new EmbeddedMongo(server, server.getLocalAddress());
  }

  public String connectionString() {
    return connectionString;
  }

  /** Stops the server and closes the H2 file, so that everything written is on disk. */
  @Override
  public void close() {
    server.shutdown();
  }
}
