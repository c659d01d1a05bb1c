package io.killtoken.bootstrap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.killtoken.bootstrap.admin.Browser;
import io.killtoken.bootstrap.admin.Node;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tags and end users as a client sends them through a real gateway call: stored with the record
 * (the end user keyed-hashed), summed per tag value, end user and credential, and never seen by
 * another tenant.
 */
class UsageAttributionTest {

  private static FakeOpenAi upstream;
  private static Node node;
  private static Browser owner;
  private static Browser gateway;
  private static Browser other;

  @BeforeAll
  static void start() throws Exception {
    upstream = new FakeOpenAi();
    node = UsageTenants.start(upstream);
    owner = UsageTenants.signUp(node, "ada");
    gateway = UsageTenants.gatewayKey(owner).client();
    other = UsageTenants.signUp(node, "bob");
    ask("feature=search,customer=acme", Map.of("user", "alice@example.com"));
    ask("feature=search", Map.of("user", "alice@example.com"));
    ask("feature=chat", Map.of());
    ask("", Map.of());
  }

  @AfterAll
  static void stop() {
    node.close();
    upstream.close();
  }

  private static Browser.Reply ask(String tags, Map<String, Object> extra) {
    Map<String, Object> body = new HashMap<>(extra);
    body.put("model", "gpt-4o-mini");
    body.put("messages", List.of(Map.of("role", "user", "content", "hi " + UUID.randomUUID())));
    Browser.Reply reply =
        gateway.send("POST", "/v1/chat/completions", body, Map.of("x-killtoken-tags", tags));
    return reply;
  }

  private static JsonNode summary(String query, long requests) throws InterruptedException {
    return UsageTenants.summaryWith(owner, query, requests);
  }

  private static Map<String, Long> requestsByKey(JsonNode summary) {
    Map<String, Long> byKey = new HashMap<>();
    summary
        .get("groups")
        .forEach(g -> byKey.put(g.get("key").asText(), g.get("requests").asLong()));
    return byKey;
  }

  @Test
  void spend_adds_up_per_tag_value_and_the_totals_still_count_every_call() throws Exception {
    JsonNode byFeature = summary("?group_by=tag:feature", 4);
    assertEquals("tag:feature", byFeature.get("group_by").asText());
    assertEquals(4, byFeature.get("totals").get("requests").asLong(), byFeature.toString());
    assertEquals(Map.of("search", 2L, "chat", 1L), requestsByKey(byFeature));
    assertEquals(
        Map.of("acme", 1L), requestsByKey(summary("?group_by=tag:customer", 4)), "one tagged");
  }

  @Test
  void spend_adds_up_per_end_user_under_a_keyed_hash_never_the_plain_id() throws Exception {
    Map<String, Long> byUser = requestsByKey(summary("?group_by=user", 4));
    assertEquals(1, byUser.size(), byUser.toString());
    String stored = byUser.keySet().iterator().next();
    assertTrue(stored.matches("[0-9a-f]{32}"), stored);
    assertEquals(2L, byUser.get(stored));
    JsonNode records = owner.get("/api/v1/usage/records").json();
    assertFalse(records.toString().contains("alice"), records.toString());
  }

  @Test
  void a_tenant_that_chose_plain_end_user_ids_sees_them_as_sent() throws Exception {
    Browser carol = UsageTenants.signUp(node, "carol");
    Browser.Reply chosen =
        carol.send("PATCH", "/api/v1/settings", Map.of("plain_end_user_ids", true), Map.of());
    assertEquals(200, chosen.status(), chosen.toString());
    assertTrue(chosen.json().get("plain_end_user_ids").asBoolean(), chosen.toString());
    Browser.Reply call =
        UsageTenants.gatewayKey(carol)
            .client()
            .send(
                "POST",
                "/v1/chat/completions",
                Map.of(
                    "model",
                    "gpt-4o-mini",
                    "messages",
                    List.of(Map.of("role", "user", "content", "hi " + UUID.randomUUID()))),
                Map.of("x-killtoken-user", "carol-user-7"));
    assertEquals(200, call.status(), call.toString());

    JsonNode byUser = UsageTenants.summaryWith(carol, "?group_by=user", 1);
    assertEquals(Map.of("carol-user-7", 1L), requestsByKey(byUser));
    JsonNode record = carol.get("/api/v1/usage/records").json().get("data").get(0);
    assertEquals("carol-user-7", record.get("end_user").asText(), record.toString());
  }

  @Test
  void an_end_user_past_its_budget_on_the_key_gets_a_429_while_calls_without_one_go_on() {
    Browser dave = UsageTenants.signUp(node, "dave");
    JsonNode key =
        dave.post(
                "/api/v1/keys",
                Map.of(
                    "name",
                    "per-user",
                    "scopes",
                    List.of("gateway"),
                    "end_user_monthly_budget_usd",
                    new BigDecimal("0.000001")))
            .json();
    assertEquals(1e-6, key.get("end_user_monthly_budget_usd").asDouble(), key.toString());
    Browser client = dave.withApiKey(key.get("key").asText());
    Map<String, Object> body =
        Map.of(
            "model",
            "gpt-4o-mini",
            "messages",
            List.of(Map.of("role", "user", "content", "hi " + UUID.randomUUID())));

    Browser.Reply named =
        client.send("POST", "/v1/chat/completions", body, Map.of("x-killtoken-user", "erin"));
    Browser.Reply unnamed = client.send("POST", "/v1/chat/completions", body, Map.of());

    assertEquals(429, named.status(), named.toString());
    assertEquals("budget_exceeded", named.json().get("error").get("code").asText(), named.body());
    assertTrue(named.body().contains("end user"), named.body());
    assertEquals(200, unnamed.status(), unnamed.toString());
  }

  @Test
  void spend_adds_up_per_provider_credential() throws Exception {
    Map<String, Long> byCredential = requestsByKey(summary("?group_by=credential", 4));
    String credentialId =
        owner.get("/api/v1/credentials").json().get("data").get(0).get("id").asText();
    assertEquals(Map.of(credentialId, 4L), byCredential);
  }

  @Test
  void a_record_shows_its_tags_end_user_credential_and_finish_reason() throws Exception {
    summary("", 4);
    JsonNode records = owner.get("/api/v1/usage/records?limit=10").json().get("data");
    JsonNode first = records.get(records.size() - 1); // oldest: the one with two tags
    assertEquals("acme", first.get("tags").get("customer").asText(), first.toString());
    assertEquals("search", first.get("tags").get("feature").asText(), first.toString());
    assertTrue(first.get("end_user").asText().matches("[0-9a-f]{32}"), first.toString());
    assertEquals("stop", first.get("finish_reason").asText(), first.toString());
    assertFalse(first.get("credential_id").isNull(), first.toString());
  }

  @Test
  void a_malformed_tags_header_is_a_400_naming_it_and_reaches_no_provider() {
    int before = upstream.received().size();
    for (String bad : List.of("feature", "Feature=x", "a=1,a=2", "x=<b>", "k=" + "v".repeat(65))) {
      Browser.Reply reply = ask(bad, Map.of());
      assertEquals(400, reply.status(), bad + " → " + reply);
      assertTrue(reply.body().contains("x-killtoken-tags"), bad + " → " + reply);
    }
    assertEquals(before, upstream.received().size());
  }

  @Test
  void another_tenant_sees_none_of_the_tags_users_or_credentials() throws Exception {
    summary("", 4);
    for (String group : List.of("tag:feature", "user", "credential")) {
      JsonNode theirs = other.get("/api/v1/usage/summary?group_by=" + group).json();
      assertEquals(0, theirs.get("totals").get("requests").asLong(), theirs.toString());
      assertEquals(0, theirs.get("groups").size(), theirs.toString());
    }
  }
}
