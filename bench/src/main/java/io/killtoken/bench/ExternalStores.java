package io.killtoken.bench;

import java.nio.file.Path;
import java.util.Map;

/**
 * KillToken's stores in the production topology, each its own process on the same machine: a
 * MongoDB-wire server standing in for MongoDB, and a real Redis.
 */
final class ExternalStores implements AutoCloseable {

  private final MongoWireProcess mongo;
  private final RedisProcess redis;

  private ExternalStores(MongoWireProcess mongo, RedisProcess redis) {
    this.mongo = mongo;
    this.redis = redis;
  }

  static ExternalStores start(String classPath, Path workDir) throws InterruptedException {
    RedisProcess redis = RedisProcess.start(workDir, workDir.resolve("redis.log"));
    try {
      return new ExternalStores(
          MongoWireProcess.start(classPath, workDir.resolve("mongo-wire-server.log")), redis);
    } catch (RuntimeException | InterruptedException e) {
      redis.close();
      throw e;
    }
  }

  /** The variables that point KillToken at these stores. */
  Map<String, String> env() {
    return Map.of("MONGODB_URI", mongo.uri(), "REDIS_URL", redis.url());
  }

  long mongoPid() {
    return mongo.pid();
  }

  long redisPid() {
    return redis.pid();
  }

  /** Throws, with the end of the log, when a store is gone: every later number would be wrong. */
  void requireAlive() {
    if (!mongo.alive()) {
      throw new IllegalStateException(
          "the MongoDB-wire server stopped during the run; its log ends with:\n"
              + mongo.logTail(40));
    }
    if (!redis.alive()) {
      throw new IllegalStateException(
          "redis-server stopped during the run; its log ends with:\n" + redis.logTail(40));
    }
  }

  @Override
  public void close() {
    try {
      mongo.close();
    } finally {
      redis.close();
    }
  }
}
