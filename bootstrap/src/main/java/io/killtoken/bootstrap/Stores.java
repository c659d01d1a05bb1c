package io.killtoken.bootstrap;

import com.mongodb.client.MongoDatabase;
import io.killtoken.adapters.memory.health.InProcessProbe;
import io.killtoken.adapters.memory.limit.InMemoryRateLimiter;
import io.killtoken.adapters.mongo.connection.MongoConnection;
import io.killtoken.adapters.mongo.health.MongoProbe;
import io.killtoken.adapters.redis.connection.RedisConnection;
import io.killtoken.adapters.redis.health.RedisProbe;
import io.killtoken.adapters.redis.limit.RedisRateLimiter;
import io.killtoken.bootstrap.config.AppConfig;
import io.killtoken.bootstrap.embedded.EmbeddedMongo;
import io.killtoken.domain.health.DependencyProbe;
import io.killtoken.domain.limit.RateLimiter;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * The stores behind the ports: MongoDB (external, or the embedded MongoDB-wire server) and Redis
 * (external, or in-process counters), with their probes; closed in reverse order of opening.
 */
final class Stores implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Stores.class);
  private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);

  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  final MongoDatabase database;
  final DependencyProbe mongoProbe;
  final DependencyProbe redisProbe;
  final RateLimiter limiter;

  Stores(AppConfig config, InstantSource clock) {
    String uri;
    if (config.mongoUri().isPresent()) {
      uri = config.mongoUri().get().value();
    } else {
      EmbeddedMongo embedded = EmbeddedMongo.start(config.dataDir());
      closeables.push(embedded);
      LOG.info("no MONGODB_URI: embedded MongoDB-wire store in {}", config.dataDir());
      uri = embedded.connectionString();
    }
    MongoConnection mongo = MongoConnection.open(uri, config.mongoDatabase());
    closeables.push(mongo);
    this.database = mongo.database();
    this.mongoProbe = new MongoProbe(database);

    if (config.redisUrl().isPresent()) {
      RedisClient redis = RedisConnection.open(config.redisUrl().get().value(), REDIS_TIMEOUT);
      closeables.push(redis);
      this.redisProbe = new RedisProbe(redis);
      this.limiter = new RedisRateLimiter(redis);
    } else {
      LOG.info("no REDIS_URL: cache and limit counters are kept in process (single node only)");
      this.redisProbe = new InProcessProbe("redis");
      this.limiter = new InMemoryRateLimiter(clock);
    }
  }

  @Override
  public void close() {
    while (!closeables.isEmpty()) {
      try {
        closeables.pop().close();
      } catch (Exception e) {
        LOG.warn("a store did not close cleanly", e);
      }
    }
  }
}
