package io.killtoken.bootstrap.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.bootstrap.admin.Browser.Reply;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear problem+json 4xx: never a 500, a stack trace or a half-done change. */
class MalformedInputTest {

  private static Node node;
  private static Browser owner;

  @BeforeAll
  static void start() {
    node = Node.Cluster.fresh().start();
    owner = new Browser(node);
    owner.signUp("owner-" + UUID.randomUUID() + "@example.com", "Acme");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static void assertClean4xx(int expected, Reply reply) {
    assertEquals(expected, reply.status(), reply.body());
    assertTrue(
        reply.header("Content-Type").startsWith("application/problem+json"), reply.toString());
    assertFalse(reply.body().contains("Exception"), reply.body());
    assertFalse(reply.body().contains("at io."), reply.body());
    assertTrue(reply.json().get("detail").asText().length() > 5);
  }

  @Test
  void malformed_json_and_wrong_shapes_are_400() {
    assertClean4xx(400, owner.post("/api/v1/keys", "{\"name\": \"unterminated"));
    assertClean4xx(400, owner.post("/api/v1/keys", "[1,2,3]"));
    assertClean4xx(400, owner.post("/api/v1/keys", "null"));
    assertClean4xx(400, owner.post("/api/v1/keys", ""));
    assertClean4xx(
        400, owner.post("/api/v1/keys", Map.of("name", 42, "scopes", List.of("gateway"))));
    assertClean4xx(400, owner.post("/api/v1/keys", Map.of("name", "x", "scopes", "gateway")));
    assertClean4xx(400, owner.post("/api/v1/keys", Map.of("name", "x", "scopes", List.of("root"))));
    assertClean4xx(
        400,
        owner.post(
            "/api/v1/keys", Map.of("name", "x", "scopes", List.of("gateway"), "rpm_limit", -5)));
    assertClean4xx(
        400,
        owner.post(
            "/api/v1/keys",
            Map.of("name", "x", "scopes", List.of("gateway"), "monthly_budget_usd", 0.0000001)));
    assertClean4xx(400, owner.patch("/api/v1/settings", Map.of("cache_ttl_seconds", 999_999_999)));
    assertClean4xx(400, owner.patch("/api/v1/settings", Map.of("cache_mode", "sometimes")));
  }

  @Test
  void a_budget_beyond_any_number_is_a_400_naming_the_field_on_create_and_on_patch() {
    Reply created =
        owner.post(
            "/api/v1/keys",
            "{\"name\":\"x\",\"scopes\":[\"gateway\"],\"monthly_budget_usd\":1e400}");
    String id =
        owner
            .post("/api/v1/keys", Map.of("name", "y", "scopes", List.of("gateway")))
            .json()
            .get("id")
            .asText();
    Reply patched = owner.patch("/api/v1/keys/" + id, "{\"monthly_budget_usd\":1e400}");
    Reply negativeHuge = owner.patch("/api/v1/keys/" + id, "{\"monthly_budget_usd\":-1e400}");

    for (Reply reply : List.of(created, patched, negativeHuge)) {
      assertClean4xx(400, reply);
      assertTrue(
          reply.json().get("detail").asText().contains("'monthly_budget_usd'"), reply.body());
    }
    assertTrue(
        owner.get("/api/v1/keys/" + id).json().path("monthly_budget_usd").isNull(),
        "the key is unchanged");
  }

  @Test
  void bytes_after_an_admin_body_and_a_field_named_twice_are_refused() {
    Reply trailing =
        owner.post("/api/v1/keys", "{\"name\":\"x\",\"scopes\":[\"gateway\"]} {\"name\":\"y\"}");
    Reply twice =
        owner.post(
            "/api/v1/keys", "{\"name\":\"x\",\"scopes\":[\"gateway\"],\"scopes\":[\"admin\"]}");

    assertClean4xx(400, trailing);
    assertClean4xx(400, twice);
    assertTrue(twice.json().get("detail").asText().contains("'scopes'"), twice.body());
  }

  @Test
  void a_cursor_the_api_never_returned_is_a_400_not_an_empty_page() {
    for (String garbage : List.of("garbage", "zzzzzzzzzzzz", "0", "not-a-cursor-at-all")) {
      Reply keys = owner.get("/api/v1/keys?after=" + garbage);
      Reply credentials = owner.get("/api/v1/credentials?after=" + garbage);

      assertClean4xx(400, keys);
      assertClean4xx(400, credentials);
      assertTrue(keys.json().get("detail").asText().contains("'after'"), keys.body());
    }
  }

  @Test
  void a_body_that_is_not_json_is_refused_by_content_type() {
    Reply form =
        owner.send(
            "POST",
            "/api/v1/keys",
            "name=x&scopes=gateway",
            Map.of("Content-Type", "application/x-www-form-urlencoded"));

    assertClean4xx(400, form);
  }

  @Test
  void an_oversized_body_is_413_and_nothing_is_created() {
    String huge = "x".repeat(70 * 1024);
    Browser fresh = new Browser(node);
    fresh.signUp("big-" + UUID.randomUUID() + "@example.com", "Big");

    assertClean4xx(
        413, fresh.post("/api/v1/keys", Map.of("name", huge, "scopes", List.of("gateway"))));
    assertEquals(0, fresh.get("/api/v1/keys").json().get("data").size());
  }

  @Test
  void unicode_is_kept_and_nul_bytes_and_controls_are_refused() {
    Reply unicode =
        owner.post(
            "/api/v1/keys", Map.of("name", "prod 🚀 Ünïcode 鍵", "scopes", List.of("gateway")));
    Reply nul =
        owner.post("/api/v1/keys", Map.of("name", "bad\u0000name", "scopes", List.of("gateway")));
    Reply newline =
        owner.post("/api/v1/keys", Map.of("name", "bad\nname", "scopes", List.of("gateway")));
    Reply nulPassword =
        new Browser(node)
            .post(
                "/api/v1/auth/signup",
                Map.of(
                    "email", "nul-" + UUID.randomUUID() + "@example.com",
                    "password", "correct horse\u0000battery",
                    "tenant_name", "Nul"));

    assertEquals(201, unicode.status());
    assertEquals(
        "prod 🚀 Ünïcode 鍵",
        owner.get("/api/v1/keys/" + unicode.json().get("id").asText()).json().get("name").asText());
    assertClean4xx(400, nul);
    assertClean4xx(400, newline);
    assertClean4xx(400, nulPassword);
  }

  @Test
  void passwords_have_a_floor_and_a_cap() {
    Reply tooShort =
        new Browser(node)
            .post(
                "/api/v1/auth/signup",
                Map.of(
                    "email",
                    "s-" + UUID.randomUUID() + "@example.com",
                    "password",
                    "short",
                    "tenant_name",
                    "S"));
    Reply tooLong =
        new Browser(node)
            .post(
                "/api/v1/auth/signup",
                Map.of(
                    "email",
                    "l-" + UUID.randomUUID() + "@example.com",
                    "password",
                    "p".repeat(10_000),
                    "tenant_name",
                    "L"));

    assertClean4xx(400, tooShort);
    assertClean4xx(400, tooLong);
  }

  @Test
  void unauthenticated_and_unknown_routes_answer_problem_json() {
    assertClean4xx(401, new Browser(node).get("/api/v1/keys"));
    assertClean4xx(404, owner.get("/api/v1/nothing"));
    assertClean4xx(404, owner.get("/api/v1/keys/x"));
  }
}
