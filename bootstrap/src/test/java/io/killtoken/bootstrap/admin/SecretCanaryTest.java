package io.killtoken.bootstrap.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.bootstrap.admin.Browser.Reply;
import io.killtoken.domain.secret.Redaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Plants canary secrets through every door — a provider key, a rotated key, an API key, a password
 * — then searches every response, the log output and the raw database documents for them.
 */
class SecretCanaryTest {

  private static final String PROVIDER_KEY = "sk-proj-CANARYprovider" + "A1b2C3d4E5f6G7h8";
  private static final String ROTATED_KEY = "sk-proj-CANARYrotated" + "Z9y8X7w6V5u4T3s2";
  private static final String PASSWORD = "CANARY password horse battery";

  @Test
  void canaries_appear_only_in_the_one_response_that_reveals_them() throws Exception {
    Node.Cluster cluster = Node.Cluster.fresh();
    List<Reply> replies = new ArrayList<>();
    String apiKey;
    try (LogCapture logs = new LogCapture();
        Node node = cluster.start()) {
      Browser owner = new Browser(node);
      Reply signUp =
          owner.post(
              "/api/v1/auth/signup",
              Map.of(
                  "email",
                  "canary-" + UUID.randomUUID() + "@example.com",
                  "password",
                  PASSWORD,
                  "tenant_name",
                  "Canary"));
      replies.add(signUp);
      Reply created =
          owner.post(
              "/api/v1/credentials",
              Map.of("provider", "openai", "secret", PROVIDER_KEY, "label", "prod"));
      String credentialId = created.json().get("id").asText();
      Reply rotated =
          owner.post(
              "/api/v1/credentials/" + credentialId + "/rotate", Map.of("secret", ROTATED_KEY));
      Reply key = owner.post("/api/v1/keys", Map.of("name", "admin", "scopes", List.of("admin")));
      apiKey = key.json().get("key").asText();
      Browser script = new Browser(node).withApiKey(apiKey);

      // every read path a tenant has, with both kinds of caller
      for (Browser caller : List.of(owner, script)) {
        replies.add(caller.get("/api/v1/credentials"));
        replies.add(caller.get("/api/v1/credentials/" + credentialId));
        replies.add(caller.get("/api/v1/keys"));
        replies.add(caller.get("/api/v1/keys/" + key.json().get("id").asText()));
        replies.add(caller.get("/api/v1/auth/me"));
        replies.add(caller.get("/api/v1/settings"));
      }
      // failures that might echo what they were given
      replies.add(
          owner.post("/api/v1/credentials", Map.of("provider", "nope", "secret", PROVIDER_KEY)));
      replies.add(
          owner.post(
              "/api/v1/credentials", Map.of("provider", "openai", "secret", PROVIDER_KEY + " x")));
      replies.add(
          new Browser(node)
              .post(
                  "/api/v1/auth/login",
                  Map.of("email", "nobody@example.com", "password", PASSWORD)));
      replies.add(new Browser(node).withApiKey(apiKey + "x").get("/api/v1/keys"));
      replies.add(new Browser(node).get("/readyz"));
      replies.add(new Browser(node).get("/healthz"));

      assertEquals(201, created.status());
      assertEquals(PROVIDER_KEY, created.json().get("secret").asText(), "shown once, at creation");
      assertEquals(ROTATED_KEY, rotated.json().get("secret").asText(), "and once at rotation");
      assertEquals("sk-…G7h8", created.json().get("preview").asText());
      assertEquals("no-store", created.header("Cache-Control"));

      String everythingElse = String.join("\n", replies.stream().map(Reply::toString).toList());
      for (String canary : List.of(PROVIDER_KEY, ROTATED_KEY, PASSWORD, apiKey, "CANARY")) {
        assertFalse(everythingElse.contains(canary), "a response leaked " + canary);
      }
      String logged = logs.text();
      assertTrue(logged.contains("/api/v1/credentials"), "the log capture works");
      for (String canary : List.of(PROVIDER_KEY, ROTATED_KEY, PASSWORD, apiKey, "CANARY")) {
        assertFalse(logged.contains(canary), "the log leaked " + canary);
      }
    }

    String stored = rawDocuments(MongoFixture.shared().client().getDatabase(cluster.database()));
    assertTrue(stored.contains("sk-…T3s2"), "the preview is stored");
    for (String canary :
        List.of(PROVIDER_KEY, ROTATED_KEY, PASSWORD, apiKey, apiKey.substring(3), "CANARY")) {
      assertFalse(stored.contains(canary), "the database holds " + canary);
    }
  }

  @Test
  void the_database_holds_neither_the_session_cookie_nor_its_csrf_token() {
    Node.Cluster cluster = Node.Cluster.fresh();
    String cookie;
    String csrf;
    try (Node node = cluster.start()) {
      Browser owner = new Browser(node);
      Reply signUp =
          owner.post(
              "/api/v1/auth/signup",
              Map.of(
                  "email",
                  "csrf-" + UUID.randomUUID() + "@example.com",
                  "password",
                  PASSWORD,
                  "tenant_name",
                  "Csrf"));
      String setCookie = signUp.header("Set-Cookie");
      cookie = setCookie.substring("kt_session=".length(), setCookie.indexOf(';'));
      csrf = owner.csrf();
      Reply me = owner.get("/api/v1/auth/me");
      Reply write = owner.post("/api/v1/keys", Map.of("name", "ci", "scopes", List.of("gateway")));

      assertEquals(csrf, me.json().get("csrf_token").asText(), "the session keeps its token");
      assertEquals(201, write.status(), "the token still guards writes: " + write);
    }

    MongoDatabase database = MongoFixture.shared().client().getDatabase(cluster.database());
    assertEquals(1, database.getCollection("sessions").countDocuments(), "the session is stored");
    String stored = rawDocuments(database);
    for (String secret : List.of(csrf, cookie, cookie.substring(0, cookie.indexOf('.')))) {
      assertFalse(stored.contains(secret), "the database holds " + secret);
    }
  }

  @Test
  void a_secret_in_a_path_parameter_is_logged_with_its_name_and_without_its_value() {
    try (LogCapture logs = new LogCapture();
        Node node = Node.Cluster.fresh().start()) {
      Browser owner = new Browser(node);
      Reply signUp =
          owner.post(
              "/api/v1/auth/signup",
              Map.of(
                  "email",
                  "param-" + UUID.randomUUID() + "@example.com",
                  "password",
                  PASSWORD,
                  "tenant_name",
                  "Param"));
      String setCookie = signUp.header("Set-Cookie");
      String session = setCookie.substring("kt_session=".length(), setCookie.indexOf(';'));
      String csrf = owner.csrf();
      String opaque = "CANARYopaque" + UUID.randomUUID().toString().replace("-", "");

      List<Reply> replies =
          List.of(
              new Browser(node).get("/api/v1/auth/me;kt_session=" + session),
              new Browser(node).get("/api/v1/auth/me;csrf_token=" + csrf),
              new Browser(node).get("/api/v1/keys;jsessionid=" + opaque + "/x;v=" + opaque));

      String logged = logs.text();
      assertTrue(logged.contains("/api/v1/auth/me;kt_session=" + Redaction.MASK), logged);
      assertTrue(logged.contains(";csrf_token=" + Redaction.MASK), logged);
      assertTrue(logged.contains(";jsessionid=" + Redaction.MASK + "/x;v=" + Redaction.MASK));
      for (String secret : List.of(session, csrf, opaque, session.substring(0, 20))) {
        assertFalse(logged.contains(secret), "the log leaked " + secret + ":\n" + logged);
        replies.forEach(reply -> assertFalse(reply.toString().contains(secret), reply.toString()));
      }
    }
  }

  private static String rawDocuments(MongoDatabase database) {
    StringBuilder all = new StringBuilder();
    for (String collection : database.listCollectionNames()) {
      for (Document document : database.getCollection(collection).find()) {
        all.append(collection).append(' ').append(document.toJson()).append('\n');
      }
    }
    if (all.isEmpty()) {
      throw new AssertionError("no documents found: the search would prove nothing");
    }
    return all.toString();
  }
}
