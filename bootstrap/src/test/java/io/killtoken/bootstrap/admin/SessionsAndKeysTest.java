package io.killtoken.bootstrap.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.killtoken.bootstrap.admin.Browser.Reply;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sessions, CSRF and admin API keys, tried the way an attacker would try them. */
class SessionsAndKeysTest {

  private static Node node;

  @BeforeAll
  static void start() {
    node = Node.Cluster.fresh().start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static String email() {
    return "owner-" + UUID.randomUUID() + "@example.com";
  }

  private static String sessionCookie(Reply reply) {
    String header = reply.header("Set-Cookie");
    assertNotNull(header, "no Set-Cookie in " + reply);
    return header.substring(0, header.indexOf(';'));
  }

  @Test
  void the_session_cookie_is_http_only_same_site_strict_and_expires() {
    Browser browser = new Browser(node);
    Reply reply =
        browser.post(
            "/api/v1/auth/signup",
            Map.of("email", email(), "password", "correct horse battery", "tenant_name", "Acme"));

    String cookie = reply.header("Set-Cookie");
    assertEquals(201, reply.status());
    assertTrue(cookie.startsWith("kt_session="));
    assertTrue(cookie.contains("; HttpOnly"));
    assertTrue(cookie.contains("; SameSite=Strict"));
    assertTrue(cookie.contains("; Path=/"));
    assertTrue(cookie.contains("; Max-Age=86400"));
    assertFalse(cookie.contains("Secure"), "plain HTTP from an untrusted peer is not HTTPS");
    assertEquals("no-store", reply.header("Cache-Control"));
  }

  @Test
  void the_cookie_is_secure_behind_a_trusted_tls_proxy_but_a_client_cannot_claim_it() {
    try (Node direct = Node.Cluster.fresh().start(Map.of("KILLTOKEN_TRUSTED_PROXIES", ""))) {
      Reply viaProxy =
          new Browser(node)
              .send(
                  "POST",
                  "/api/v1/auth/signup",
                  Map.of("email", email(), "password", "correct horse battery", "tenant_name", "A"),
                  Map.of("X-Forwarded-Proto", "https"));
      Reply spoofed =
          new Browser(direct)
              .send(
                  "POST",
                  "/api/v1/auth/signup",
                  Map.of("email", email(), "password", "correct horse battery", "tenant_name", "B"),
                  Map.of("X-Forwarded-Proto", "https"));

      assertTrue(viaProxy.header("Set-Cookie").contains("; Secure"));
      assertFalse(spoofed.header("Set-Cookie").contains("Secure"));
    }
  }

  @Test
  void each_login_gets_a_new_session_and_logout_kills_the_old_cookie_server_side() {
    String email = email();
    Browser first = new Browser(node);
    first.signUp(email, "Acme");
    Browser second = new Browser(node);
    Reply login =
        second.post(
            "/api/v1/auth/login", Map.of("email", email, "password", "correct horse battery"));
    String cookie = sessionCookie(login);

    assertEquals(200, login.status());
    assertEquals(200, second.get("/api/v1/auth/me").status());
    assertEquals(204, second.post("/api/v1/auth/logout", null).status());

    Reply replayed =
        new Browser(node).send("GET", "/api/v1/auth/me", null, Map.of("Cookie", cookie));
    assertEquals(401, replayed.status());
    assertEquals(200, first.get("/api/v1/auth/me").status(), "other sessions live on");
  }

  @Test
  void a_tampered_or_made_up_cookie_is_refused() {
    Browser owner = new Browser(node);
    Reply signUp =
        owner.post(
            "/api/v1/auth/signup",
            Map.of("email", email(), "password", "correct horse battery", "tenant_name", "Acme"));
    String cookie = sessionCookie(signUp);
    char last = cookie.charAt(cookie.length() - 1);
    String tampered = cookie.substring(0, cookie.length() - 1) + (last == 'A' ? 'B' : 'A');

    for (String forged :
        List.of(
            tampered,
            "kt_session=abc.def",
            "kt_session=" + "A".repeat(43) + "." + "B".repeat(43))) {
      Reply reply =
          new Browser(node).send("GET", "/api/v1/auth/me", null, Map.of("Cookie", forged));
      assertEquals(401, reply.status(), forged);
    }
  }

  @Test
  void a_password_change_ends_every_session_of_the_user() {
    String email = email();
    Browser laptop = new Browser(node);
    laptop.signUp(email, "Acme");
    Browser phone = new Browser(node);
    phone.post("/api/v1/auth/login", Map.of("email", email, "password", "correct horse battery"));

    Reply changed =
        laptop.post(
            "/api/v1/auth/password",
            Map.of(
                "current_password", "correct horse battery",
                "new_password", "another long passphrase"));

    assertEquals(200, changed.status(), changed.body());
    assertEquals(401, phone.get("/api/v1/auth/me").status());
    assertEquals(200, laptop.get("/api/v1/auth/me").status(), "the caller gets a fresh session");
    assertEquals(
        401,
        new Browser(node)
            .post("/api/v1/auth/login", Map.of("email", email, "password", "correct horse battery"))
            .status());
  }

  @Test
  void state_changes_with_a_cookie_need_the_csrf_token_of_that_session() {
    Browser owner = new Browser(node);
    owner.signUp(email(), "Acme");
    String token = owner.csrf();
    Map<String, Object> key = Map.of("name", "ci", "scopes", List.of("gateway"));

    owner.forgetCsrf();
    Reply missing = owner.post("/api/v1/keys", key);
    Reply wrong = owner.send("POST", "/api/v1/keys", key, Map.of("X-CSRF-Token", "x" + token));
    Browser other = new Browser(node);
    other.signUp(email(), "Other");
    Reply othersToken =
        owner.send("POST", "/api/v1/keys", key, Map.of("X-CSRF-Token", other.csrf()));
    Reply right = owner.send("POST", "/api/v1/keys", key, Map.of("X-CSRF-Token", token));

    assertEquals(403, missing.status());
    assertEquals(403, wrong.status());
    assertEquals(403, othersToken.status());
    assertEquals(201, right.status());
    assertEquals(200, owner.get("/api/v1/keys").status(), "reads need no token");
  }

  @Test
  void login_failures_look_the_same_for_unknown_emails_and_wrong_passwords() {
    String email = email();
    new Browser(node).signUp(email, "Acme");

    Reply wrongPassword =
        new Browser(node)
            .post("/api/v1/auth/login", Map.of("email", email, "password", "not the password!"));
    Reply unknownEmail =
        new Browser(node)
            .post("/api/v1/auth/login", Map.of("email", email(), "password", "not the password!"));

    assertEquals(401, wrongPassword.status());
    assertEquals(wrongPassword.status(), unknownEmail.status());
    JsonNode a = wrongPassword.json();
    JsonNode b = unknownEmail.json();
    assertEquals(a.get("detail"), b.get("detail"));
    assertEquals(a.get("code"), b.get("code"));
  }

  @Test
  void logins_are_limited_per_email_with_retry_after() {
    String email = email();
    new Browser(node).signUp(email, "Acme");
    Reply last = null;
    for (int i = 0; i < 11; i++) {
      last =
          new Browser(node)
              .post("/api/v1/auth/login", Map.of("email", email, "password", "guess number " + i));
    }

    assertEquals(429, last.status());
    assertTrue(Long.parseLong(last.header("Retry-After")) > 0);
    assertEquals(
        429,
        new Browser(node)
            .post("/api/v1/auth/login", Map.of("email", email, "password", "correct horse battery"))
            .status(),
        "the right password does not slip past the limit");
  }

  @Test
  void a_forged_forwarded_for_header_does_not_escape_the_per_ip_limit() {
    try (Node fresh = Node.Cluster.fresh().start(Map.of("KILLTOKEN_TRUSTED_PROXIES", ""))) {
      Reply last = null;
      for (int i = 0; i < 51; i++) {
        last =
            new Browser(fresh)
                .send(
                    "POST",
                    "/api/v1/auth/login",
                    Map.of("email", email(), "password", "guess number " + i),
                    Map.of("X-Forwarded-For", "203.0.113." + i));
      }
      assertEquals(429, last.status());
    }
  }

  @Test
  void signing_up_twice_with_one_email_is_a_conflict() {
    String email = email();
    new Browser(node).signUp(email, "Acme");

    Reply again =
        new Browser(node)
            .post(
                "/api/v1/auth/signup",
                Map.of(
                    "email", email.toUpperCase(java.util.Locale.ROOT),
                    "password", "correct horse battery",
                    "tenant_name", "Acme 2"));

    assertEquals(409, again.status());
  }

  @Test
  void an_admin_key_drives_the_api_and_a_gateway_key_cannot() {
    Browser owner = new Browser(node);
    owner.signUp(email(), "Acme");
    String admin =
        owner
            .post("/api/v1/keys", Map.of("name", "ops", "scopes", List.of("admin")))
            .json()
            .get("key")
            .asText();
    String gateway =
        owner
            .post("/api/v1/keys", Map.of("name", "app", "scopes", List.of("gateway")))
            .json()
            .get("key")
            .asText();

    Browser script = new Browser(node).withApiKey(admin);
    Reply created =
        script.post("/api/v1/keys", Map.of("name", "made by script", "scopes", List.of("gateway")));
    Reply me = script.get("/api/v1/auth/me");

    assertEquals(201, created.status(), "an admin key needs no CSRF token");
    assertEquals("api_key", me.json().get("auth").asText());
    assertNull(me.json().get("user").textValue());
    assertEquals(403, new Browser(node).withApiKey(gateway).get("/api/v1/keys").status());
  }

  @Test
  void a_key_anywhere_but_the_authorization_header_is_ignored() {
    Browser owner = new Browser(node);
    owner.signUp(email(), "Acme");
    String admin =
        owner
            .post("/api/v1/keys", Map.of("name", "ops", "scopes", List.of("admin")))
            .json()
            .get("key")
            .asText();

    Browser stranger = new Browser(node);
    assertEquals(401, stranger.get("/api/v1/keys?api_key=" + admin).status());
    assertEquals(401, stranger.get("/api/v1/keys?key=" + admin).status());
    assertEquals(
        401,
        stranger
            .send("GET", "/api/v1/keys", null, Map.of("Cookie", "kt_session=" + admin))
            .status());
    assertEquals(
        401, stranger.send("GET", "/api/v1/keys", null, Map.of("X-Api-Key", admin)).status());
    assertEquals(
        401,
        stranger
            .post("/api/v1/keys", Map.of("name", "x", "scopes", List.of("admin"), "key", admin))
            .status());
  }

  @Test
  void a_revoked_key_is_refused_on_the_very_next_request() {
    Browser owner = new Browser(node);
    owner.signUp(email(), "Acme");
    JsonNode created =
        owner.post("/api/v1/keys", Map.of("name", "ops", "scopes", List.of("admin"))).json();
    Browser script = new Browser(node).withApiKey(created.get("key").asText());
    assertEquals(200, script.get("/api/v1/keys").status());

    assertEquals(204, owner.delete("/api/v1/keys/" + created.get("id").asText()).status());

    assertEquals(401, script.get("/api/v1/keys").status());
    assertEquals(404, owner.get("/api/v1/keys/" + created.get("id").asText()).status());
  }

  @Test
  void the_full_key_is_shown_once_and_only_its_preview_afterwards() {
    Browser owner = new Browser(node);
    owner.signUp(email(), "Acme");
    Reply created =
        owner.post(
            "/api/v1/keys",
            Map.of(
                "name",
                "ci",
                "scopes",
                List.of("gateway"),
                "rpm_limit",
                60,
                "monthly_budget_usd",
                12.5,
                "allowed_models",
                List.of("gpt-4o-mini")));
    String key = created.json().get("key").asText();
    String id = created.json().get("id").asText();

    Reply shown = owner.get("/api/v1/keys/" + id);
    Reply listed = owner.get("/api/v1/keys");

    assertEquals("no-store", created.header("Cache-Control"));
    assertNotEquals(key, shown.json().get("preview").asText());
    assertEquals(
        key.substring(0, 7) + "…" + key.substring(key.length() - 4),
        shown.json().get("preview").asText());
    assertFalse(shown.body().contains(key.substring(7, key.length() - 4)));
    assertFalse(listed.body().contains(key.substring(7, key.length() - 4)));
    assertNull(shown.json().get("key"));
    assertEquals(60, shown.json().get("rpm_limit").asInt());
    assertEquals(
        0,
        new java.math.BigDecimal("12.5")
            .compareTo(shown.json().get("monthly_budget_usd").decimalValue()));
  }

  @Test
  void two_nodes_sharing_the_stores_see_a_revocation_at_once() {
    Node.Cluster cluster = Node.Cluster.fresh();
    try (Node one = cluster.start();
        Node two = cluster.start()) {
      Browser owner = new Browser(one);
      owner.signUp(email(), "Acme");
      JsonNode created =
          owner.post("/api/v1/keys", Map.of("name", "ops", "scopes", List.of("admin"))).json();
      Browser onTwo = new Browser(two).withApiKey(created.get("key").asText());
      assertEquals(200, onTwo.get("/api/v1/keys").status());
      assertEquals(200, new Browser(two, owner).get("/api/v1/auth/me").status(), "sessions too");

      assertEquals(204, owner.delete("/api/v1/keys/" + created.get("id").asText()).status());

      assertEquals(401, onTwo.get("/api/v1/keys").status());
    }
  }
}
