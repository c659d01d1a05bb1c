package io.killtoken.bootstrap.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.bootstrap.admin.Browser.Reply;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks every admin route as tenant B against tenant A's objects: B can neither see, change nor
 * detect them, and each answer is the one a random id gets.
 */
class TenantIsolationTest {

  private static Node node;
  private static Browser alice;
  private static Browser bob;
  private static String aliceTenant;
  private static String aliceKey;
  private static String aliceCredential;

  @BeforeAll
  static void start() {
    node = Node.Cluster.fresh().start();
    alice = new Browser(node);
    aliceTenant = alice.signUp("alice-" + UUID.randomUUID() + "@example.com", "Alice Inc");
    bob = new Browser(node);
    bob.signUp("bob-" + UUID.randomUUID() + "@example.com", "Bob Ltd");
    aliceKey =
        alice
            .post("/api/v1/keys", Map.of("name", "alice-key", "scopes", List.of("gateway")))
            .json()
            .get("id")
            .asText();
    aliceCredential =
        alice
            .post(
                "/api/v1/credentials",
                Map.of("provider", "openai", "secret", "sk-alice-0123456789abcdef"))
            .json()
            .get("id")
            .asText();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** The answer without what differs per request (its id). */
  private static JsonNode comparable(Reply reply) {
    JsonNode json = reply.json().deepCopy();
    ((ObjectNode) json).remove("request_id");
    return json;
  }

  private static void assertLikeAMissingId(Reply others, Reply random) {
    assertEquals(404, others.status(), others.body());
    assertEquals(random.status(), others.status());
    assertEquals(comparable(random), comparable(others));
    assertEquals(random.header("Content-Type"), others.header("Content-Type"));
  }

  @Test
  void bob_cannot_read_alices_key_or_credential() {
    String random = UUID.randomUUID().toString();

    assertLikeAMissingId(bob.get("/api/v1/keys/" + aliceKey), bob.get("/api/v1/keys/" + random));
    assertLikeAMissingId(
        bob.get("/api/v1/credentials/" + aliceCredential),
        bob.get("/api/v1/credentials/" + random));
  }

  @Test
  void bob_cannot_change_or_delete_alices_objects() {
    String random = UUID.randomUUID().toString();

    assertLikeAMissingId(
        bob.patch("/api/v1/keys/" + aliceKey, Map.of("name", "pwned")),
        bob.patch("/api/v1/keys/" + random, Map.of("name", "pwned")));
    assertLikeAMissingId(
        bob.delete("/api/v1/keys/" + aliceKey), bob.delete("/api/v1/keys/" + random));
    assertLikeAMissingId(
        bob.post(
            "/api/v1/credentials/" + aliceCredential + "/rotate",
            Map.of("secret", "sk-bob-controlled-00000")),
        bob.post(
            "/api/v1/credentials/" + random + "/rotate",
            Map.of("secret", "sk-bob-controlled-00000")));
    assertLikeAMissingId(
        bob.delete("/api/v1/credentials/" + aliceCredential),
        bob.delete("/api/v1/credentials/" + random));

    JsonNode key = alice.get("/api/v1/keys/" + aliceKey).json();
    JsonNode credential = alice.get("/api/v1/credentials/" + aliceCredential).json();
    assertEquals("alice-key", key.get("name").asText());
    assertEquals(credential.get("created_at"), credential.get("rotated_at"), "never rotated");
  }

  @Test
  void lists_hold_only_the_callers_objects_whatever_tenant_the_request_names() {
    Reply keys = bob.get("/api/v1/keys?tenant_id=" + aliceTenant);
    Reply credentials =
        bob.send("GET", "/api/v1/credentials", null, Map.of("X-Tenant-Id", aliceTenant));
    Reply settings = bob.get("/api/v1/settings?tenant=" + aliceTenant);

    assertEquals(200, keys.status());
    assertFalse(keys.body().contains(aliceKey));
    assertFalse(credentials.body().contains(aliceCredential));
    assertEquals(0, credentials.json().get("data").size());
    assertEquals(200, settings.status());
    assertFalse(bob.get("/api/v1/auth/me").body().contains(aliceTenant));
  }

  @Test
  void a_tenant_id_in_a_body_is_refused_not_applied() {
    Reply key =
        bob.post(
            "/api/v1/keys",
            Map.of("name", "sneaky", "scopes", List.of("gateway"), "tenant_id", aliceTenant));
    Reply credential =
        bob.post(
            "/api/v1/credentials",
            Map.of("provider", "openai", "secret", "sk-bob-0000000000", "tenantId", aliceTenant));
    Reply settings =
        bob.patch("/api/v1/settings", Map.of("prompt_storage", true, "tenant_id", aliceTenant));

    assertEquals(400, key.status());
    assertTrue(key.json().get("detail").asText().contains("tenant_id"));
    assertEquals(400, credential.status());
    assertEquals(400, settings.status());
    assertFalse(alice.get("/api/v1/settings").json().get("prompt_storage").asBoolean());
    assertEquals(1, alice.get("/api/v1/keys").json().get("data").size());
  }

  @Test
  void settings_changed_by_bob_are_bobs_alone() {
    assertEquals(
        "all",
        bob.patch("/api/v1/settings", Map.of("cache_mode", "all"))
            .json()
            .get("cache_mode")
            .asText());

    assertEquals("deterministic", alice.get("/api/v1/settings").json().get("cache_mode").asText());
    assertEquals(false, alice.get("/api/v1/settings").json().get("prompt_storage").asBoolean());
  }

  @Test
  void ids_are_random_not_sequential() {
    String first =
        bob.post("/api/v1/keys", Map.of("name", "one", "scopes", List.of("gateway")))
            .json()
            .get("id")
            .asText();
    String second =
        bob.post("/api/v1/keys", Map.of("name", "two", "scopes", List.of("gateway")))
            .json()
            .get("id")
            .asText();

    assertTrue(first.matches("[0-9a-f-]{36}"));
    assertFalse(first.regionMatches(0, second, 0, 8), "no shared prefix from a counter");
  }

  @Test
  void list_pages_are_capped_and_follow_the_cursor() {
    Browser carol = new Browser(node);
    carol.signUp("carol-" + UUID.randomUUID() + "@example.com", "Carol");
    for (int i = 0; i < 5; i++) {
      carol.post("/api/v1/keys", Map.of("name", "k" + i, "scopes", List.of("gateway")));
    }

    JsonNode first = carol.get("/api/v1/keys?limit=2").json();
    JsonNode second =
        carol.get("/api/v1/keys?limit=2&after=" + first.get("next_cursor").asText()).json();
    JsonNode huge = carol.get("/api/v1/keys?limit=100000").json();

    assertEquals(2, first.get("data").size());
    assertEquals(2, second.get("data").size());
    assertFalse(
        first.get("data").toString().contains(second.get("data").get(0).get("id").asText()));
    assertEquals(5, huge.get("data").size());
    assertEquals(400, carol.get("/api/v1/keys?after=" + "%22%24ne%22").status());
  }
}
