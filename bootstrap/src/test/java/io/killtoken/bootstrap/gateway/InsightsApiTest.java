package io.killtoken.bootstrap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.killtoken.bootstrap.admin.Browser;
import io.killtoken.bootstrap.admin.Node;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/insights} after real gateway calls: a tenant with the cache off that repeats
 * one request sees the shadow cache's repeats and dollars and its credential's health; another
 * tenant sees none of it.
 */
class InsightsApiTest {

  private static FakeOpenAi upstream;
  private static Node node;
  private static Browser ada;
  private static Browser bob;

  @BeforeAll
  static void start() throws Exception {
    upstream = new FakeOpenAi();
    node = UsageTenants.start(upstream);
    ada = UsageTenants.signUp(node, "ada");
    bob = UsageTenants.signUp(node, "bob");
    Browser gateway = UsageTenants.gatewayKey(ada).client();
    Map<String, Object> same =
        Map.of(
            "model",
            "gpt-4o-mini",
            "messages",
            List.of(Map.of("role", "user", "content", "same " + UUID.randomUUID())));
    for (int i = 0; i < 3; i++) {
      assertEquals(200, gateway.post("/v1/chat/completions", same).status());
    }
    assertEquals(
        502,
        gateway
            .post(
                "/v1/chat/completions",
                Map.of(
                    "model",
                    "gpt-fail-500",
                    "messages",
                    List.of(Map.of("role", "user", "content", "x"))))
            .status());
  }

  @AfterAll
  static void stop() {
    node.close();
    upstream.close();
  }

  /** The insights once the sink has stored the four calls (it writes in the background). */
  private static JsonNode insightsOf(Browser owner, String kind) throws InterruptedException {
    JsonNode body = UsageTenants.await(owner, "/api/v1/insights", b -> find(b, kind) != null);
    return find(body, kind);
  }

  private static JsonNode find(JsonNode body, String kind) {
    for (JsonNode insight : body.get("insights")) {
      if (insight.get("kind").asText().equals(kind)) {
        return insight;
      }
    }
    return null;
  }

  @Test
  void repeats_the_cache_does_not_answer_show_the_shadow_caches_saving_and_the_change()
      throws Exception {
    JsonNode shadow = insightsOf(ada, "shadow_cache");
    assertEquals(2, shadow.get("evidence").get("repeats_day").asLong(), shadow.toString());
    // The default mode caches deterministic requests only: these are not (no temperature 0).
    assertEquals(
        "deterministic", shadow.get("evidence").get("cache_mode").asText(), shadow.toString());
    String raw = ada.get("/api/v1/insights").body();
    assertTrue(raw.contains("\"usd_day\":0.0000"), "dollars as plain decimals: " + raw);
    assertTrue(shadow.get("monthly_saving_usd").decimalValue().signum() > 0, shadow.toString());
    assertTrue(shadow.get("change").asText().contains("cache_mode"), shadow.toString());
  }

  @Test
  void failed_calls_and_the_credentials_health_are_shown() throws Exception {
    JsonNode errors = insightsOf(ada, "error_and_retry_spend");
    assertEquals(1, errors.get("evidence").get("server_errors_5xx").asLong(), errors.toString());
    JsonNode credentials = ada.get("/api/v1/insights").json().get("credentials");
    assertEquals(1, credentials.size(), credentials.toString());
    assertEquals(4, credentials.get(0).get("calls").asLong(), credentials.toString());
    assertEquals("failing", credentials.get(0).get("verdict").asText(), credentials.toString());
  }

  @Test
  void another_tenant_sees_no_insight_and_only_its_own_credential() throws Exception {
    insightsOf(ada, "shadow_cache");
    JsonNode theirs = bob.get("/api/v1/insights").json();
    assertEquals(0, theirs.get("insights").size(), theirs.toString());
    assertEquals(1, theirs.get("credentials").size(), theirs.toString());
    assertEquals("unused", theirs.get("credentials").get(0).get("verdict").asText());
  }

  @Test
  void a_long_system_prompt_sent_again_shows_what_provider_prompt_caching_would_cut()
      throws Exception {
    Browser cy = UsageTenants.signUp(node, "cy");
    Browser gateway = UsageTenants.gatewayKey(cy).client();
    String system = "You are the support agent of Example Corp. " + "Policy text. ".repeat(500);
    for (int i = 0; i < 4; i++) {
      Map<String, Object> body =
          Map.of(
              "model",
              "gpt-4o-mini",
              "messages",
              List.of(
                  Map.of("role", "system", "content", system),
                  Map.of("role", "user", "content", "question " + UUID.randomUUID())));
      assertEquals(200, gateway.post("/v1/chat/completions", body).status());
    }

    JsonNode prefixes = insightsOf(cy, "repeated_prefixes");
    JsonNode top = prefixes.get("evidence").get("top").get(0);
    assertEquals(4, top.get("calls").asLong(), prefixes.toString());
    assertTrue(top.get("prefix_tokens").asLong() >= system.length() / 4, prefixes.toString());
    assertTrue(top.get("prefix_fingerprint").asText().matches("[0-9a-f]{32}"), top.toString());
    assertEquals("openai/gpt-4o-mini", top.get("model").asText(), top.toString());
    assertTrue(top.get("usd").decimalValue().signum() > 0, top.toString());
    assertTrue(prefixes.get("monthly_saving_usd").decimalValue().signum() > 0, prefixes.toString());
    String records = cy.get("/api/v1/usage/records").body();
    assertFalse(records.contains("Policy text"), "never the prefix's text: " + records);
    JsonNode theirs = ada.get("/api/v1/insights").json();
    assertNull(find(theirs, "repeated_prefixes"), "another tenant's prefixes: " + theirs);
  }

  @Test
  void insights_need_a_session_and_a_bad_range_is_a_400() {
    assertEquals(401, new Browser(node).get("/api/v1/insights").status());
    Browser.Reply bad =
        ada.get("/api/v1/insights?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z");
    assertEquals(400, bad.status(), bad.toString());
    assertTrue(bad.json().get("detail").asText().contains("92 days"), bad.toString());
  }
}
