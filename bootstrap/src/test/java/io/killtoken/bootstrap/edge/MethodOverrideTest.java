package io.killtoken.bootstrap.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.killtoken.bootstrap.admin.Browser;
import io.killtoken.bootstrap.admin.Browser.Reply;
import io.killtoken.bootstrap.admin.Node;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A request's method is the one on its request line: method-override headers are ignored. */
class MethodOverrideTest {

  private static final List<String> OVERRIDES =
      List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

  private static Node node;

  @BeforeAll
  static void start() {
    node = Node.Cluster.fresh().start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static Browser owner() {
    Browser owner = new Browser(node);
    owner.signUp("override-" + UUID.randomUUID() + "@example.com", "Override");
    return owner;
  }

  private static String newKey(Browser owner) {
    return owner
        .post("/api/v1/keys", Map.of("name", "original", "scopes", List.of("gateway")))
        .json()
        .get("id")
        .asText();
  }

  @Test
  void a_post_that_asks_to_be_a_delete_or_a_patch_neither_revokes_nor_renames_a_key() {
    Browser owner = owner();
    String id = newKey(owner);

    for (String header : OVERRIDES) {
      Reply delete = owner.send("POST", "/api/v1/keys/" + id, null, Map.of(header, "DELETE"));
      Reply patch =
          owner.send(
              "POST", "/api/v1/keys/" + id, Map.of("name", "renamed"), Map.of(header, "PATCH"));

      assertEquals(405, delete.status(), header + " DELETE: " + delete);
      assertEquals(405, patch.status(), header + " PATCH: " + patch);
      Reply key = owner.get("/api/v1/keys/" + id);
      assertEquals(200, key.status(), header + ": the key was revoked");
      assertEquals("original", key.json().get("name").asText(), header + ": the key was renamed");
    }
  }

  @Test
  void a_post_that_asks_to_be_a_get_still_needs_its_csrf_token() {
    Browser owner = owner();
    owner.forgetCsrf();

    for (String header : OVERRIDES) {
      Reply create =
          owner.send(
              "POST",
              "/api/v1/keys",
              Map.of("name", "sneaky", "scopes", List.of("gateway")),
              Map.of(header, "GET"));

      assertEquals(403, create.status(), header + ": " + create);
    }
  }

  @Test
  void a_get_that_asks_to_be_a_delete_is_a_get() {
    Browser owner = owner();
    String id = newKey(owner);

    Reply get =
        owner.send("GET", "/api/v1/keys/" + id, null, Map.of(OVERRIDES.getFirst(), "DELETE"));

    assertEquals(200, get.status(), get.toString());
    assertEquals(200, owner.get("/api/v1/keys/" + id).status(), "the key was revoked");
  }
}
