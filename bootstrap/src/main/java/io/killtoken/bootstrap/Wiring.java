package io.killtoken.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.killtoken.adapters.crypto.secret.MasterKeyset;
import io.killtoken.adapters.crypto.secret.TinkSecretCipher;
import io.killtoken.adapters.http.error.ErrorResponses;
import io.killtoken.adapters.http.health.ProbeRoutes;
import io.killtoken.adapters.http.server.HttpServer;
import io.killtoken.adapters.http.server.HttpSettings;
import io.killtoken.adapters.memory.health.InProcessProbe;
import io.killtoken.adapters.memory.limit.InMemoryRateLimiter;
import io.killtoken.adapters.mongo.connection.MongoConnection;
import io.killtoken.adapters.mongo.health.MongoProbe;
import io.killtoken.adapters.mongo.tenant.MongoTenantRepository;
import io.killtoken.adapters.redis.connection.RedisConnection;
import io.killtoken.adapters.redis.health.RedisProbe;
import io.killtoken.adapters.redis.limit.RedisRateLimiter;
import io.killtoken.application.health.CheckReadiness;
import io.killtoken.application.health.ReadinessCheck;
import io.killtoken.bootstrap.config.AppConfig;
import io.killtoken.bootstrap.embedded.DevMasterKeyset;
import io.killtoken.bootstrap.embedded.EmbeddedMongo;
import io.killtoken.domain.health.DependencyProbe;
import io.killtoken.domain.limit.RateLimiter;
import io.killtoken.domain.provider.LlmProvider;
import io.killtoken.domain.provider.ModelRouter;
import io.killtoken.domain.secret.SecretCipher;
import io.killtoken.domain.tenant.TenantRepository;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * The one place that knows every module: builds clients, then adapters, then use cases, then
 * handlers, then the server — in plain code — and closes them in reverse order.
 */
public final class Wiring implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);
  private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);
  private static final Duration READINESS_DEADLINE = Duration.ofSeconds(2);

  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  private final TenantRepository tenants;
  private final SecretCipher cipher;
  private final RateLimiter limiter;
  private final ModelRouter router;
  private final HttpServer http;

  private Wiring(AppConfig config, InstantSource clock) {
    MongoConnection mongo = openMongo(config);
    DependencyProbe mongoProbe = new MongoProbe(mongo.database());
    this.tenants = new MongoTenantRepository(mongo.database());

    DependencyProbe redisProbe;
    if (config.redisUrl().isPresent()) {
      RedisClient redis = RedisConnection.open(config.redisUrl().get().value(), REDIS_TIMEOUT);
      closeables.push(redis);
      redisProbe = new RedisProbe(redis);
      this.limiter = new RedisRateLimiter(redis);
    } else {
      LOG.info("no REDIS_URL: cache and limit counters are kept in process (single node only)");
      redisProbe = new InProcessProbe("redis");
      this.limiter = new InMemoryRateLimiter(clock);
    }

    MasterKeyset keyset =
        config
            .masterKeyset()
            .map(json -> MasterKeyset.fromJson(json.value()))
            .orElseGet(() -> DevMasterKeyset.loadOrCreate(config.dataDir()));
    this.cipher = new TinkSecretCipher(keyset);

    List<LlmProvider> providers =
        ServiceLoader.load(LlmProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    this.router = new ModelRouter(providers);
    LOG.info("provider modules: {}", providers.stream().map(p -> p.id().value()).toList());

    CheckReadiness readiness =
        new CheckReadiness(
            List.of(new ReadinessCheck(mongoProbe, true), new ReadinessCheck(redisProbe, false)),
            READINESS_DEADLINE);
    ObjectMapper json = new ObjectMapper();
    this.http =
        new HttpServer(
            new HttpSettings(
                config.host(), config.port(), config.maxBodyBytes(), config.drainTimeout()),
            List.of(new ProbeRoutes(readiness)::register, new ErrorResponses(json)::register));
  }

  /** Builds everything and starts serving. */
  public static Wiring start(AppConfig config, InstantSource clock) {
    Wiring wiring = new Wiring(config, clock);
    try {
      wiring.http.start();
    } catch (RuntimeException e) {
      wiring.close();
      throw e;
    }
    return wiring;
  }

  private MongoConnection openMongo(AppConfig config) {
    String uri;
    if (config.mongoUri().isPresent()) {
      uri = config.mongoUri().get().value();
    } else {
      EmbeddedMongo embedded = EmbeddedMongo.start(config.dataDir());
      closeables.push(embedded);
      LOG.info("no MONGODB_URI: embedded MongoDB-wire store in {}", config.dataDir());
      uri = embedded.connectionString();
    }
    MongoConnection connection = MongoConnection.open(uri, config.mongoDatabase());
    closeables.push(connection);
    return connection;
  }

  public int port() {
    return http.port();
  }

  TenantRepository tenants() {
    return tenants;
  }

  SecretCipher cipher() {
    return cipher;
  }

  RateLimiter limiter() {
    return limiter;
  }

  ModelRouter router() {
    return router;
  }

  /**
   * Graceful stop: the server drains in-flight requests first, then stores close in reverse order
   * of opening.
   */
  @Override
  public void close() {
    try {
      http.stop();
    } catch (RuntimeException e) {
      LOG.warn("HTTP server did not stop cleanly", e);
    }
    while (!closeables.isEmpty()) {
      try {
        closeables.pop().close();
      } catch (Exception e) {
        LOG.warn("a store did not close cleanly", e);
      }
    }
  }
}
