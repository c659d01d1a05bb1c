package io.killtoken.bootstrap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.killtoken.bootstrap.admin.Browser;
import io.killtoken.bootstrap.admin.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The usage API as two tenants see it after real gateway calls: the summary (read from rollups) and
 * the records add up what each tenant called, and neither sees the other's numbers.
 */
class UsageApiTest {

  private static FakeOpenAi upstream;
  private static Node node;
  private static Tenant ada;
  private static Tenant bob;

  /** A signed-up tenant, its gateway key's id, and clients with its session and its key. */
  record Tenant(Browser owner, String keyId, Browser gateway) {

    static Tenant signUp(String name) {
      Browser owner = UsageTenants.signUp(node, name);
      assertEquals(200, owner.patch("/api/v1/settings", Map.of("cache_mode", "all")).status());
      UsageTenants.GatewayKey key = UsageTenants.gatewayKey(owner);
      return new Tenant(owner, key.id(), key.client());
    }

    void ask(String model, String prompt) {
      Browser.Reply reply =
          gateway.post(
              "/v1/chat/completions",
              Map.of(
                  "model", model, "messages", List.of(Map.of("role", "user", "content", prompt))));
      assertTrue(reply.status() == 200 || reply.status() == 502, reply.toString());
    }

    /** Waits until the cache holds an answer (it is stored off the request path). */
    void awaitCached() throws InterruptedException {
      long deadline = System.nanoTime() + 15_000_000_000L;
      while (owner.get("/api/v1/cache").json().get("entries").asLong() < 1) {
        assertTrue(System.nanoTime() < deadline, "the answer was never cached");
        Thread.sleep(20);
      }
    }

    /** The summary once it counts {@code requests} calls (the sink writes in the background). */
    JsonNode summaryWith(String query, long requests) throws InterruptedException {
      return UsageTenants.summaryWith(owner, query, requests);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    upstream = new FakeOpenAi();
    node = UsageTenants.start(upstream);
    ada = Tenant.signUp("ada");
    bob = Tenant.signUp("bob");
    String repeated = "repeat " + UUID.randomUUID();
    ada.ask("gpt-4o-mini", repeated);
    ada.awaitCached();
    ada.ask("gpt-4o-mini", repeated); // a cache hit
    ada.ask("gpt-4o", "other " + UUID.randomUUID());
    ada.ask("gpt-fail-500", "fails " + UUID.randomUUID());
    bob.ask("gpt-4o-mini", "bob " + UUID.randomUUID());
  }

  @AfterAll
  static void stop() {
    node.close();
    upstream.close();
  }

  @Test
  void the_summary_by_model_adds_up_the_tenants_calls_hits_and_errors() throws Exception {
    JsonNode summary = ada.summaryWith("?group_by=model", 4);

    JsonNode totals = summary.get("totals");
    assertEquals(4, totals.get("requests").asLong(), summary.toString());
    assertEquals(1, totals.get("cache_hits").asLong(), summary.toString());
    assertEquals(1, totals.get("errors").asLong(), summary.toString());
    // Two calls answered upstream with the fake's 12 input tokens; the hit bills none.
    assertEquals(24, totals.get("input_tokens").asLong(), summary.toString());
    assertEquals(17, totals.get("tokens_saved").asLong(), summary.toString());
    assertTrue(totals.get("latency_p95_ms").asLong() > 0, summary.toString());
    Set<String> models = new HashSet<>();
    summary.get("groups").forEach(group -> models.add(group.get("key").asText()));
    assertEquals(Set.of("openai/gpt-4o-mini", "openai/gpt-4o", "openai/gpt-fail-500"), models);
    assertEquals("model", summary.get("group_by").asText());
  }

  @Test
  void another_tenant_sees_only_its_own_usage_even_filtering_by_the_first_tenants_key()
      throws Exception {
    JsonNode mine = bob.summaryWith("?group_by=key", 1);
    assertEquals(1, mine.get("totals").get("requests").asLong(), mine.toString());
    assertEquals(bob.keyId(), mine.get("groups").get(0).get("key").asText());

    ada.summaryWith("", 4);
    JsonNode theirs = bob.owner().get("/api/v1/usage/summary?key_id=" + ada.keyId()).json();
    assertEquals(0, theirs.get("totals").get("requests").asLong(), theirs.toString());
    JsonNode records = bob.owner().get("/api/v1/usage/records?key_id=" + ada.keyId()).json();
    assertEquals(0, records.get("data").size(), records.toString());
  }

  @Test
  void records_page_newest_first_by_cursor_with_every_call_once() throws Exception {
    ada.summaryWith("", 4);
    List<String> ids = new ArrayList<>();
    List<String> times = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      Browser.Reply reply =
          ada.owner()
              .get("/api/v1/usage/records?limit=3" + (after == null ? "" : "&after=" + after));
      assertEquals(200, reply.status(), reply.toString());
      JsonNode page = reply.json();
      for (JsonNode record : page.get("data")) {
        ids.add(record.get("id").asText());
        times.add(record.get("occurred_at").asText());
        assertEquals(ada.keyId(), record.get("key_id").asText());
        assertFalse(record.has("prompt"), record.toString());
      }
      after = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
      pages++;
    } while (after != null);

    assertEquals(4, ids.size(), ids.toString());
    assertEquals(4, new HashSet<>(ids).size(), "no record twice");
    assertEquals(2, pages);
    List<String> newestFirst = new ArrayList<>(times);
    newestFirst.sort(java.util.Comparator.reverseOrder());
    assertEquals(newestFirst, times);

    JsonNode hits = ada.owner().get("/api/v1/usage/records?cache=hit").json();
    assertEquals(1, hits.get("data").size(), hits.toString());
    assertEquals("hit", hits.get("data").get(0).get("cache").asText());
  }

  @Test
  void bad_parameters_are_a_400_naming_the_parameter() {
    for (String[] bad :
        new String[][] {
          {"/api/v1/usage/summary?from=yesterday", "'from'"},
          {"/api/v1/usage/summary?group_by=week", "'group_by'"},
          {"/api/v1/usage/summary?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "'from'"},
          {
            "/api/v1/usage/summary?group_by=hour&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z",
            "31 days"
          },
          {"/api/v1/usage/records?after=garbage", "'after'"},
          {"/api/v1/usage/records?status=fine", "'status'"},
          {"/api/v1/usage/records?key_id=%20", "'key_id'"},
        }) {
      Browser.Reply reply = ada.owner().get(bad[0]);
      assertEquals(400, reply.status(), bad[0] + " → " + reply);
      assertTrue(reply.json().get("detail").asText().contains(bad[1]), bad[0] + " → " + reply);
    }
  }

  @Test
  void usage_needs_a_session_or_an_admin_key() {
    assertEquals(401, new Browser(node).get("/api/v1/usage/summary").status());
    assertEquals(403, ada.gateway().get("/api/v1/usage/records").status());
  }
}
