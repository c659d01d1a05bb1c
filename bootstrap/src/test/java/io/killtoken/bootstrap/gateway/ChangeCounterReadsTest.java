package io.killtoken.bootstrap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.killtoken.adapters.redis.RedisFixture;
import io.killtoken.bootstrap.admin.Browser;
import io.killtoken.bootstrap.admin.Node;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * What a gateway call costs in Redis round trips for the in-memory records (ADR 0008), counted by
 * Redis itself: its key, the tenant's settings and plan and the credential are looked up, and the
 * shared change counter behind them is read once.
 */
class ChangeCounterReadsTest {

  private static final Pattern GETS = Pattern.compile("cmdstat_get:calls=(\\d+)");

  @Test
  void a_gateway_call_reads_the_shared_change_counter_once() throws Exception {
    try (RedisFixture redis = RedisFixture.dedicated();
        FakeOpenAi upstream = new FakeOpenAi();
        Node node =
            Node.Cluster.fresh()
                .start(
                    Map.of(
                        "REDIS_URL", redis.url(),
                        "KILLTOKEN_PROVIDER_OPENAI_BASE_URL", upstream.baseUrl(),
                        "KILLTOKEN_SIGNUP_PLAN", "enterprise"));
        Jedis stats = new Jedis(URI.create(redis.url()))) {
      Browser gateway = UsageTenants.gatewayKey(UsageTenants.signUp(node, "ada")).client();
      assertEquals(200, gateway.post("/v1/chat/completions", call()).status()); // records loaded
      stats.configResetStat();

      for (int i = 0; i < 10; i++) {
        assertEquals(200, gateway.post("/v1/chat/completions", call()).status());
      }

      // Not deterministic, so the response cache (which also GETs) stays out: every GET is the
      // change counter's.
      Matcher gets = GETS.matcher(stats.info("commandstats"));
      assertEquals(10, gets.find() ? Integer.parseInt(gets.group(1)) : 0, "GETs for 10 calls");
    }
  }

  private static Map<String, Object> call() {
    return Map.of(
        "model",
        "gpt-4o-mini",
        "temperature",
        0.7,
        "messages",
        List.of(Map.of("role", "user", "content", "hello " + UUID.randomUUID())));
  }
}
