package io.killtoken.bootstrap.admin;

import io.killtoken.adapters.crypto.secret.MasterKeyset;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.adapters.redis.RedisFixture;
import io.killtoken.bootstrap.Nodes;
import io.killtoken.bootstrap.Wiring;
import io.killtoken.bootstrap.config.AppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/**
 * A KillToken node for end-to-end tests, wired exactly as {@code Main} wires it, against the real
 * MongoDB and Redis fixtures. Nodes of one {@link Cluster} share database, Redis and secrets, as
 * stateless nodes behind a load balancer do.
 */
public final class Node implements AutoCloseable {

  private final Wiring wiring;

  private Node(Wiring wiring) {
    this.wiring = wiring;
  }

  public int port() {
    return wiring.port();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  @Override
  public void close() {
    wiring.close();
  }

  /** What the nodes of one deployment share. */
  public record Cluster(String database, String masterKeyset, String sessionSecret, Path dataDir) {

    public static Cluster fresh() {
      try {
        return new Cluster(
            MongoFixture.freshDatabaseName(),
            MasterKeyset.generate().toJson(),
            "test-session-secret-" + java.util.UUID.randomUUID(),
            Files.createTempDirectory("killtoken-node"));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    public Node start() {
      return start(Map.of());
    }

    public Node start(Map<String, String> extra) {
      Map<String, String> env = new HashMap<>();
      env.put("KILLTOKEN_PORT", "0");
      env.put("KILLTOKEN_HOST", "127.0.0.1");
      env.put("KILLTOKEN_DATA_DIR", dataDir.toString());
      env.put("MONGODB_URI", MongoFixture.shared().connectionString());
      env.put("MONGODB_DATABASE", database);
      env.put("REDIS_URL", RedisFixture.shared().url());
      env.put("KILLTOKEN_MASTER_KEYSET", masterKeyset);
      env.put("KILLTOKEN_SESSION_SECRET", sessionSecret);
      // As behind a load balancer: each test browser sends its own X-Forwarded-For address.
      env.put("KILLTOKEN_TRUSTED_PROXIES", "127.0.0.1");
      env.putAll(extra);
      return new Node(Nodes.start(AppConfig.fromEnv(env), InstantSource.system()));
    }
  }
}
