package io.killtoken.bootstrap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.killtoken.bootstrap.admin.Browser;
import io.killtoken.bootstrap.admin.Node;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * What the usage, insight and export tests share: a node on the fake OpenAI, tenants with an OpenAI
 * credential and a gateway key, and waiting for the usage sink (it writes in the background).
 */
final class UsageTenants {

  private UsageTenants() {}

  /** A fresh node calling {@code upstream}, without retries, signing up on the enterprise plan. */
  static Node start(FakeOpenAi upstream) {
    return Node.Cluster.fresh()
        .start(
            Map.of(
                "KILLTOKEN_PROVIDER_OPENAI_BASE_URL", upstream.baseUrl(),
                "KILLTOKEN_UPSTREAM_RETRIES", "0",
                "KILLTOKEN_SIGNUP_PLAN", "enterprise"));
  }

  /** A signed-up tenant's owner session, holding an OpenAI credential. */
  static Browser signUp(Node node, String name) {
    Browser owner = new Browser(node);
    owner.signUp(name + "-" + UUID.randomUUID() + "@example.com", name);
    owner.post(
        "/api/v1/credentials", Map.of("provider", "openai", "secret", "sk-" + UUID.randomUUID()));
    return owner;
  }

  /** A new gateway key of the owner's tenant: its id, and a client that sends it. */
  record GatewayKey(String id, Browser client) {}

  static GatewayKey gatewayKey(Browser owner) {
    JsonNode key =
        owner.post("/api/v1/keys", Map.of("name", "app", "scopes", List.of("gateway"))).json();
    return new GatewayKey(key.get("id").asText(), owner.withApiKey(key.get("key").asText()));
  }

  /** The answer of {@code path} once {@code ready} holds (15 s at most). */
  static JsonNode await(Browser owner, String path, Predicate<JsonNode> ready)
      throws InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    JsonNode body;
    do {
      Browser.Reply reply = owner.get(path);
      assertEquals(200, reply.status(), reply.toString());
      body = reply.json();
      if (ready.test(body)) {
        return body;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(path + " never got there: " + body);
  }

  /**
   * The summary once it counts {@code requests} calls. The plain summary is waited for first: the
   * sink writes a call's tag and end-user rollups before its plain ones, so a grouping by them read
   * after that holds the call too.
   */
  static JsonNode summaryWith(Browser owner, String query, long requests)
      throws InterruptedException {
    await(
        owner, "/api/v1/usage/summary", s -> s.get("totals").get("requests").asLong() >= requests);
    JsonNode summary =
        await(
            owner,
            "/api/v1/usage/summary" + query,
            s -> s.get("totals").get("requests").asLong() >= requests);
    assertTrue(summary.get("totals").get("requests").asLong() >= requests);
    return summary;
  }
}
