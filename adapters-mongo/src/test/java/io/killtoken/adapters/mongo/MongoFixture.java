package io.killtoken.adapters.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.killtoken.adapters.mongo.connection.MongoConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Test fixture: a MongoDB-wire server for adapter and end-to-end tests, one per test JVM.
 *
 * <p>It is, in this order: the server named by {@code KILLTOKEN_TEST_MONGODB_URI}; a {@code
 * mongo:7} container when a Docker engine answers; an in-process mongo-java-server (memory backend)
 * on a free loopback port. Each test class takes a {@link #freshDatabase()} with a random name, so
 * classes never see each other's data, and drops it when done.
 */
public final class MongoFixture {

  /** The environment variable naming an existing MongoDB to test against. */
  public static final String URI_VARIABLE = "KILLTOKEN_TEST_MONGODB_URI";

  private static MongoFixture shared;

  private final String connectionString;
  private final String kind;
  private final MongoConnection connection;

  private MongoFixture(String connectionString, String kind) {
    this.connectionString = connectionString;
    this.kind = kind;
    this.connection = MongoConnection.open(connectionString, "killtoken_test");
    Runtime.getRuntime().addShutdownHook(new Thread(connection::close, "mongo-fixture-client"));
  }

  /** The server every test in this JVM uses; started on first use, gone when the JVM exits. */
  public static synchronized MongoFixture shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  /** {@code mongodb://host:port}, without a database: pick one with {@link #freshDatabase()}. */
  public String connectionString() {
    return connectionString;
  }

  /** {@code external}, {@code container} or {@code in-process}: which server the tests ran on. */
  public String kind() {
    return kind;
  }

  /** A client on the server, owned by the fixture: do not close it. */
  public MongoClient client() {
    return connection.client();
  }

  /** A database no other test uses ({@code kt_test_<random>}); drop it when the class is done. */
  public MongoDatabase freshDatabase() {
    return client().getDatabase(freshDatabaseName());
  }

  /** A database name no other test uses, for tests that open their own client. */
  public static String freshDatabaseName() {
    return "kt_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /**
   * A connection string for a loopback port where nothing listens (it was free a moment ago), for
   * tests of behaviour while MongoDB is unreachable.
   */
  public static String unreachableConnectionString() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "mongodb://127.0.0.1:" + socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free local port", e);
    }
  }

  private static MongoFixture start() {
    String uri = System.getenv(URI_VARIABLE);
    if (uri != null && !uri.isBlank()) {
      return new MongoFixture(uri.strip(), "external");
    }
    if (dockerAvailable()) {
      MongoDBContainer container = new MongoDBContainer(DockerImageName.parse("mongo:7"));
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "mongo-fixture-stop"));
      return new MongoFixture(container.getConnectionString(), "container");
    }
    MongoServer server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-fixture-stop"));
    return new MongoFixture(
        "mongodb://127.0.0.1:" + server.getLocalAddress().getPort(), "in-process");
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
}
