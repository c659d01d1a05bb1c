package io.killtoken.bootstrap.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.killtoken.bootstrap.admin.Browser;
import io.killtoken.bootstrap.admin.Browser.Reply;
import io.killtoken.bootstrap.admin.Node;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A credential is compared byte for byte on a keep-alive connection too: a copy with one letter's
 * case changed is refused after the genuine value was accepted, and sent first it does not lock the
 * genuine value out. (The web server caches header fields per connection; a case-insensitive cache
 * would hand the altered request the genuine field.)
 */
class ReusedConnectionTest {

  private static Node node;
  private static String sessionCookie;
  private static String adminKey;
  private static String gatewayKey;

  @BeforeAll
  static void start() {
    node = Node.Cluster.fresh().start();
    Browser owner = new Browser(node);
    Reply signUp =
        owner.post(
            "/api/v1/auth/signup",
            Map.of(
                "email", "conn-" + UUID.randomUUID() + "@example.com",
                "password", "correct horse battery",
                "tenant_name", "Conn"));
    String setCookie = signUp.header("Set-Cookie");
    sessionCookie = setCookie.substring(0, setCookie.indexOf(';'));
    adminKey = key(owner, "admin");
    gatewayKey = key(owner, "gateway");
  }

  private static String key(Browser owner, String scope) {
    return owner
        .post("/api/v1/keys", Map.of("name", scope, "scopes", List.of(scope)))
        .json()
        .get("key")
        .asText();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** Copies of the value with the case of one letter flipped: near the start, middle and end. */
  private static List<String> alteredCopies(String value, int from) {
    List<Integer> letters = new java.util.ArrayList<>();
    for (int i = from; i < value.length(); i++) {
      if (Character.isLetter(value.charAt(i))) {
        letters.add(i);
      }
    }
    return List.of(letters.getFirst(), letters.get(letters.size() / 2), letters.getLast()).stream()
        .map(
            i -> {
              char c = value.charAt(i);
              char flipped =
                  Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
              return value.substring(0, i) + flipped + value.substring(i + 1);
            })
        .toList();
  }

  private static void assertByteForByte(
      String path, String header, String prefix, String genuine, int from) {
    List<String> altered = alteredCopies(genuine, from);
    altered.forEach(copy -> assertNotEquals(genuine, copy));
    try (RawConnection connection = new RawConnection(node.port())) {
      assertEquals(200, status(connection, path, header, prefix + genuine), "the genuine value");
      for (String copy : altered) {
        assertEquals(401, status(connection, path, header, prefix + copy), "after it: " + copy);
      }
      assertEquals(200, status(connection, path, header, prefix + genuine), "genuine again");
    }
    for (String copy : altered) {
      try (RawConnection connection = new RawConnection(node.port())) {
        assertEquals(401, status(connection, path, header, prefix + copy), "first: " + copy);
        assertEquals(
            200,
            status(connection, path, header, prefix + genuine),
            "the genuine value after " + copy);
        assertEquals(401, status(connection, path, header, prefix + copy), "then: " + copy);
      }
    }
  }

  private static int status(RawConnection connection, String path, String header, String value) {
    return connection.send("GET", path, List.of(Map.entry(header, value)), null).status();
  }

  @Test
  void an_altered_session_cookie_is_refused_on_a_reused_connection() {
    assertByteForByte("/api/v1/auth/me", "Cookie", "", sessionCookie, "kt_session=".length());
  }

  @Test
  void an_altered_admin_key_is_refused_on_a_reused_connection() {
    assertByteForByte("/api/v1/keys", "Authorization", "Bearer ", adminKey, "kt_".length());
  }

  @Test
  void an_altered_gateway_key_is_refused_on_a_reused_connection_in_either_header() {
    assertByteForByte("/v1/models", "Authorization", "Bearer ", gatewayKey, "kt_".length());
    assertByteForByte("/v1/models", "x-api-key", "", gatewayKey, "kt_".length());
  }
}
