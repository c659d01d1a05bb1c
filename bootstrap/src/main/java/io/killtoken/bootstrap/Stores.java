package io.killtoken.bootstrap;

import com.mongodb.client.MongoDatabase;
import io.killtoken.adapters.memory.cache.InMemoryResponseCache;
import io.killtoken.adapters.memory.freshness.InProcessChangeCounter;
import io.killtoken.adapters.memory.health.InProcessProbe;
import io.killtoken.adapters.memory.limit.InMemoryRateLimiter;
import io.killtoken.adapters.memory.limit.InMemorySpendLedger;
import io.killtoken.adapters.mongo.connection.MongoConnection;
import io.killtoken.adapters.mongo.health.MongoProbe;
import io.killtoken.adapters.redis.cache.RedisResponseCache;
import io.killtoken.adapters.redis.connection.RedisConnection;
import io.killtoken.adapters.redis.freshness.RedisChangeCounter;
import io.killtoken.adapters.redis.health.RedisProbe;
import io.killtoken.adapters.redis.limit.RedisRateLimiter;
import io.killtoken.adapters.redis.limit.RedisSpendLedger;
import io.killtoken.bootstrap.config.AppConfig;
import io.killtoken.bootstrap.embedded.EmbeddedMongo;
import io.killtoken.domain.cache.ResponseCache;
import io.killtoken.domain.freshness.ChangeCounter;
import io.killtoken.domain.freshness.OneReadPerRequest;
import io.killtoken.domain.health.DependencyProbe;
import io.killtoken.domain.limit.RateLimiter;
import io.killtoken.domain.limit.SpendLedger;
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
  private final MongoConnection mongo;
  final MongoDatabase database;
  final DependencyProbe mongoProbe;
  final DependencyProbe redisProbe;
  final RateLimiter limiter;
  final SpendLedger ledger;
  final ResponseCache responses;

  /** Tells every node's in-memory key, credential and tenant caches when the store changed. */
  final ChangeCounter changes;

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
    this.mongo = MongoConnection.open(uri, config.mongoDatabase());
    closeables.push(mongo);
    this.database = mongo.database();
    this.mongoProbe = new MongoProbe(database);

    if (config.redisUrl().isPresent()) {
      RedisClient redis = RedisConnection.open(config.redisUrl().get().value(), REDIS_TIMEOUT);
      closeables.push(redis);
      this.redisProbe = new RedisProbe(redis);
      this.limiter = new RedisRateLimiter(redis);
      this.ledger = new RedisSpendLedger(redis);
      this.responses = new RedisResponseCache(redis);
      // A gateway call looks up four records: one GET of the counter serves them all.
      this.changes = new OneReadPerRequest(new RedisChangeCounter(redis));
    } else {
      LOG.info("no REDIS_URL: cache and limit counters are kept in process (single node only)");
      this.redisProbe = new InProcessProbe("redis");
      this.limiter = new InMemoryRateLimiter(clock);
      this.ledger = new InMemorySpendLedger(clock);
      this.responses = new InMemoryResponseCache(clock);
      this.changes = sharedStoreWithoutRedis(config);
    }
  }

  /** A MongoDB store behind its port, answering 503 while MongoDB does not answer. */
  <T> T guarded(Class<T> port, T store) {
    return mongo.guarded(port, store);
  }

  /**
   * Without Redis, nodes cannot tell each other about changes: caching is safe only when the store
   * is this process's own (embedded). Another node could share an external MongoDB, so then every
   * lookup goes to the store.
   */
  private static ChangeCounter sharedStoreWithoutRedis(AppConfig config) {
    if (config.mongoUri().isEmpty()) {
      return new InProcessChangeCounter();
    }
    LOG.info(
        "external MongoDB without REDIS_URL: keys and credentials are read from MongoDB on every request");
    return ChangeCounter.NONE;
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
