package io.killtoken.adapters.mongo.connection;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The MongoDB client and database the adapters share, built from a connection string with every
 * wait bounded; close it at shutdown.
 */
public final class MongoConnection implements AutoCloseable {

  private final MongoClient client;
  private final MongoDatabase database;
  private final OutageGuard outages;

  private MongoConnection(MongoClient client, MongoDatabase database, OutageGuard outages) {
    this.client = client;
    this.database = database;
    this.outages = outages;
  }

  /**
   * Opens with {@link MongoTimeouts#DEFAULTS}; see {@link #open(String, String, MongoTimeouts)}.
   */
  public static MongoConnection open(String connectionString, String defaultDatabase) {
    return open(connectionString, defaultDatabase, MongoTimeouts.DEFAULTS);
  }

  /**
   * Opens a client for {@code mongodb://…} or {@code mongodb+srv://…}. The database is the one
   * named in the connection string's path, else {@code defaultDatabase}. Timeouts set in the
   * connection string win over {@code timeouts}. No connection is made here, so the application
   * starts while MongoDB is down and reports it through readiness.
   *
   * @throws IllegalArgumentException if the connection string is malformed; the message never
   *     repeats it, since it may hold a password
   */
  public static MongoConnection open(
      String connectionString, String defaultDatabase, MongoTimeouts timeouts) {
    Objects.requireNonNull(connectionString, "connectionString");
    Objects.requireNonNull(defaultDatabase, "defaultDatabase");
    Objects.requireNonNull(timeouts, "timeouts");
    ConnectionString parsed = parse(connectionString);
    String databaseName = parsed.getDatabase() != null ? parsed.getDatabase() : defaultDatabase;
    MongoClient client = MongoClients.create(settings(parsed, timeouts));
    try {
      return new MongoConnection(
          client, client.getDatabase(databaseName), new OutageGuard(timeouts.operation()));
    } catch (IllegalArgumentException badName) {
      client.close();
      throw badName;
    }
  }

  public MongoClient client() {
    return client;
  }

  public MongoDatabase database() {
    return database;
  }

  /**
   * {@code store} (a MongoDB adapter on this connection) behind its {@code port}, turning MongoDB
   * being unreachable or out of time into {@link io.killtoken.domain.error.DependencyUnavailable}
   * ({@code database_unavailable}, retry after one operation timeout), logged once per outage.
   */
  public <T> T guarded(Class<T> port, T store) {
    return outages.guard(port, store);
  }

  @Override
  public void close() {
    client.close();
  }

  static MongoClientSettings settings(ConnectionString parsed, MongoTimeouts timeouts) {
    long selectionMillis = timeouts.serverSelection().toMillis();
    MongoClientSettings.Builder builder =
        MongoClientSettings.builder()
            .applyConnectionString(parsed)
            .applyToClusterSettings(
                cluster -> {
                  if (parsed.getServerSelectionTimeout() == null) {
                    cluster.serverSelectionTimeout(selectionMillis, TimeUnit.MILLISECONDS);
                  }
                })
            .applyToSocketSettings(
                socket -> {
                  if (parsed.getConnectTimeout() == null) {
                    socket.connectTimeout(timeouts.connect().toMillis(), TimeUnit.MILLISECONDS);
                  }
                  if (parsed.getSocketTimeout() == null) {
                    socket.readTimeout(timeouts.operation().toMillis(), TimeUnit.MILLISECONDS);
                  }
                })
            .applyToConnectionPoolSettings(
                pool -> {
                  // The driver's default is to queue for two minutes when the pool is exhausted.
                  if (parsed.getMaxWaitTime() == null) {
                    pool.maxWaitTime(selectionMillis, TimeUnit.MILLISECONDS);
                  }
                });
    if (parsed.getTimeout() == null) {
      builder.timeout(timeouts.operation().toMillis(), TimeUnit.MILLISECONDS);
    }
    if (parsed.getApplicationName() == null) {
      builder.applicationName("killtoken");
    }
    return builder.build();
  }

  private static ConnectionString parse(String connectionString) {
    try {
      return new ConnectionString(connectionString.strip());
    } catch (IllegalArgumentException e) {
      // Not chained, and the driver's message not repeated: either may quote the password.
      throw new IllegalArgumentException(
          "the MongoDB connection string is invalid; it must look like"
              + " mongodb://[user:password@]host[:port][/database][?options] or mongodb+srv://…");
    }
  }
}
