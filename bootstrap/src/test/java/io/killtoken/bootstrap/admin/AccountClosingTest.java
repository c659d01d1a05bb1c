package io.killtoken.bootstrap.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.bootstrap.admin.Browser.Reply;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** DELETE /api/v1/account through HTTP on two nodes sharing MongoDB and Redis. */
class AccountClosingTest {

  private static final String PASSWORD = "correct horse battery";

  private static String email() {
    return "closing-" + UUID.randomUUID() + "@example.com";
  }

  private static String key(Browser owner, String scope) {
    return owner
        .post("/api/v1/keys", Map.of("name", scope, "scopes", List.of(scope)))
        .json()
        .get("key")
        .asText();
  }

  @Test
  void
      closing_ends_every_key_session_and_credential_on_every_node_and_a_wrong_password_closes_nothing() {
    Node.Cluster cluster = Node.Cluster.fresh();
    try (Node a = cluster.start();
        Node b = cluster.start()) {
      String email = email();
      Browser laptop = new Browser(a);
      String tenant = laptop.signUp(email, "Acme");
      String gatewayKey = key(laptop, "gateway");
      String adminKey = key(laptop, "admin");
      laptop.post(
          "/api/v1/credentials",
          Map.of("provider", "openai", "secret", "sk-proj-closing-0123456789abcdef"));
      Browser phone = new Browser(b);
      assertEquals(
          200,
          phone.post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD)).status());
      Browser bob = new Browser(a);
      // Bob's own password differs from Alice's: hers must not close his account or hers.
      bob.post(
          "/api/v1/auth/signup",
          Map.of("email", email(), "password", "bob's other long password", "tenant_name", "Bob"));
      // Node b has the keys in its in-memory cache before the closing.
      assertEquals(200, new Browser(b).withApiKey(adminKey).get("/api/v1/keys").status());
      assertEquals(200, gateway(b, gatewayKey).status());

      Reply wrong =
          laptop.send("DELETE", "/api/v1/account", Map.of("password", "wrong one!"), Map.of());
      Reply bobWithAlicesPassword =
          bob.send("DELETE", "/api/v1/account", Map.of("password", PASSWORD), Map.of());
      Reply bobNamingAlice =
          bob.send(
              "DELETE",
              "/api/v1/account",
              Map.of("password", PASSWORD, "tenant_id", tenant),
              Map.of());
      Reply noPassword = laptop.send("DELETE", "/api/v1/account", Map.of(), Map.of());

      assertEquals(403, wrong.status(), wrong.body());
      assertEquals(403, bobWithAlicesPassword.status(), bobWithAlicesPassword.body());
      assertEquals(400, bobNamingAlice.status(), bobNamingAlice.body());
      assertEquals(400, noPassword.status(), noPassword.body());
      assertEquals(200, phone.get("/api/v1/auth/me").status(), "nothing was closed");
      assertEquals(200, gateway(b, gatewayKey).status(), "nothing was closed");
      assertEquals(200, bob.get("/api/v1/auth/me").status());

      Reply closed =
          laptop.send("DELETE", "/api/v1/account", Map.of("password", PASSWORD), Map.of());

      assertEquals(200, closed.status(), closed.body());
      assertEquals(tenant, closed.json().get("tenant_id").asText());
      assertEquals(2, closed.json().get("keys_revoked").asLong());
      assertEquals(2, closed.json().get("sessions_ended").asLong());
      assertEquals(1, closed.json().get("credentials_deleted").asLong());
      for (Node node : List.of(a, b)) {
        assertEquals(401, gateway(node, gatewayKey).status(), "gateway key on " + node.port());
        assertEquals(
            401,
            new Browser(node).withApiKey(adminKey).get("/api/v1/keys").status(),
            "admin key on " + node.port());
        assertEquals(
            401,
            new Browser(node, phone).get("/api/v1/auth/me").status(),
            "phone cookie on " + node.port());
        assertEquals(
            401,
            new Browser(node)
                .post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD))
                .status());
      }
      assertEquals(200, bob.get("/api/v1/auth/me").status(), "another tenant lives on");

      MongoDatabase db = MongoFixture.shared().client().getDatabase(cluster.database());
      for (String collection :
          List.of("api_keys", "credentials", "sessions", "users", "settings")) {
        long left =
            db.getCollection(collection)
                .countDocuments(
                    Filters.or(Filters.eq("tenantId", tenant), Filters.eq("_id", tenant)));
        assertEquals(0, left, collection + " still holds the tenant");
      }
      Document stored = db.getCollection("tenants").find(Filters.eq("_id", tenant)).first();
      assertTrue(stored.containsKey("closedAt"), stored.toJson());
      assertTrue(stored.containsKey("usageDeletionDue"), stored.toJson());
    }
  }

  @Test
  void an_admin_key_closes_the_account_without_a_password_and_the_other_node_refuses_it() {
    Node.Cluster cluster = Node.Cluster.fresh();
    try (Node a = cluster.start();
        Node b = cluster.start()) {
      Browser owner = new Browser(a);
      owner.signUp(email(), "Acme");
      String adminKey = key(owner, "admin");
      assertEquals(200, new Browser(a).withApiKey(adminKey).get("/api/v1/keys").status());

      Reply closed = new Browser(b).withApiKey(adminKey).delete("/api/v1/account");

      assertEquals(200, closed.status(), closed.body());
      assertEquals(401, new Browser(a).withApiKey(adminKey).get("/api/v1/keys").status());
      assertEquals(401, owner.get("/api/v1/auth/me").status());
    }
  }

  private static Reply gateway(Node node, String key) {
    return new Browser(node).withApiKey(key).get("/v1/models");
  }
}
