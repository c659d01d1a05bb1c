package io.killtoken.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.adapters.redis.RedisFixture;
import io.killtoken.bootstrap.config.AppConfig;
import io.killtoken.domain.limit.LimitKey;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KillToken against real external MongoDB and Redis, and what readiness says when they fail. */
class DegradedDependenciesTest {

  @TempDir Path dataDir;

  private Wiring start(String mongoUri, String redisUrl) {
    Map<String, String> env = new HashMap<>();
    env.put("KILLTOKEN_DATA_DIR", dataDir.toString());
    env.put("KILLTOKEN_PORT", "0");
    env.put("MONGODB_URI", mongoUri);
    env.put("MONGODB_DATABASE", MongoFixture.freshDatabaseName());
    env.put("REDIS_URL", redisUrl);
    return Wiring.start(AppConfig.fromEnv(env), InstantSource.system());
  }

  @Test
  void with_external_mongo_and_redis_it_is_ready_and_counts_in_redis() throws Exception {
    try (Wiring wiring =
        start(MongoFixture.shared().connectionString(), RedisFixture.shared().url())) {
      HttpResponse<String> ready = Probes.get(wiring.port(), "/readyz");

      assertEquals(200, ready.statusCode(), ready.body());
      assertEquals(
          1,
          wiring
              .limiter()
              .hit(new LimitKey("e2e:" + System.nanoTime()), 2, Duration.ofMinutes(1))
              .remaining());
    }
  }

  @Test
  void redis_stopping_mid_run_is_reported_but_keeps_the_node_ready() throws Exception {
    try (RedisFixture redis = RedisFixture.dedicated();
        Wiring wiring = start(MongoFixture.shared().connectionString(), redis.url())) {
      assertTrue(
          Probes.json(Probes.get(wiring.port(), "/readyz")).get("checks").get("redis").asBoolean());

      redis.stop();
      HttpResponse<String> degraded =
          assertTimeoutPreemptively(
              Duration.ofSeconds(5), () -> Probes.get(wiring.port(), "/readyz"));

      assertEquals(200, degraded.statusCode());
      JsonNode body = Probes.json(degraded);
      assertTrue(body.get("ready").asBoolean());
      assertFalse(body.get("checks").get("redis").asBoolean());
      assertFalse(degraded.body().contains(redis.url()));

      redis.start();
      // Asked again once the circuit breaker's next probe gets an answer (8 s at most).
      boolean back = false;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!back && System.nanoTime() < deadline) {
        Thread.sleep(50);
        back =
            Probes.json(Probes.get(wiring.port(), "/readyz"))
                .get("checks")
                .get("redis")
                .asBoolean();
      }
      assertTrue(back, "readiness sees Redis again");
    }
  }

  @Test
  void mongo_failing_mid_run_is_503_quickly_and_shows_no_connection_details() throws Exception {
    MongoServer mongo = new MongoServer(new MemoryBackend());
    String address = mongo.bindAndGetConnectionString();
    String port = address.substring(address.lastIndexOf(':') + 1);
    try (Wiring wiring = start(address, RedisFixture.shared().url())) {
      assertEquals(200, Probes.get(wiring.port(), "/readyz").statusCode());

      mongo.shutdownNow();
      HttpResponse<String> ready =
          assertTimeoutPreemptively(
              Duration.ofSeconds(5), () -> Probes.get(wiring.port(), "/readyz"));

      assertEquals(503, ready.statusCode());
      assertFalse(Probes.json(ready).get("checks").get("mongo").asBoolean());
      assertFalse(ready.body().contains("127.0.0.1"));
      assertFalse(ready.body().contains(port));
      assertEquals(200, Probes.get(wiring.port(), "/healthz").statusCode());
    } finally {
      mongo.shutdownNow();
    }
  }
}
