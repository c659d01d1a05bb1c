package io.killtoken.bootstrap.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.killtoken.bootstrap.admin.Browser;
import io.killtoken.bootstrap.admin.Node;
import io.killtoken.bootstrap.edge.RawConnection.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests the web server refuses before any route sees them — a NUL or a bare CR/LF in a header,
 * {@code %00} or a broken escape in the path — are answered in the route family's error shape with
 * a request id, never the server's HTML page; HEAD mirrors GET; a known path asked with a method it
 * does not serve is a 405 naming the methods it does serve.
 */
class ServerAnsweredErrorsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static Node node;
  private static String adminKey;
  private static String keyId;
  private static String otherTenantsKeyId;

  @BeforeAll
  static void start() {
    node = Node.Cluster.fresh().start();
    Browser owner = new Browser(node);
    owner.signUp("errors-" + UUID.randomUUID() + "@example.com", "Errors");
    JsonNode admin =
        owner.post("/api/v1/keys", Map.of("name", "admin", "scopes", List.of("admin"))).json();
    adminKey = admin.get("key").asText();
    keyId = admin.get("id").asText();
    Browser other = new Browser(node);
    other.signUp("other-" + UUID.randomUUID() + "@example.com", "Other");
    otherTenantsKeyId =
        other
            .post("/api/v1/keys", Map.of("name", "theirs", "scopes", List.of("gateway")))
            .json()
            .get("id")
            .asText();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** A request line and headers given as raw text, so any byte can be put anywhere. */
  private static Response raw(String requestLineAndHeaders) {
    byte[] bytes = (requestLineAndHeaders + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    try (RawConnection connection = new RawConnection(node.port())) {
      return connection.exchange(bytes, false);
    }
  }

  private static JsonNode json(Response response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response, e);
    }
  }

  private static void assertProblem(int status, Response response) {
    assertEquals(status, response.status(), response.toString());
    assertTrue(
        response.header("Content-Type").startsWith("application/problem+json"),
        response.toString());
    String requestId = response.header("x-request-id");
    assertNotNull(requestId, "no x-request-id: " + response);
    JsonNode body = json(response);
    assertEquals(status, body.get("status").asInt(), response.toString());
    assertEquals(requestId, body.get("request_id").asText(), response.toString());
    assertFalse(response.body().contains("<html"), response.body());
  }

  private static void assertOpenAiError(int status, Response response) {
    assertEquals(status, response.status(), response.toString());
    assertTrue(response.header("Content-Type").startsWith("application/json"), response.toString());
    assertNotNull(response.header("x-request-id"), "no x-request-id: " + response);
    JsonNode error = json(response).get("error");
    assertNotNull(error, response.toString());
    assertTrue(error.get("message").asText().length() > 5, response.toString());
    assertTrue(error.has("type") && error.has("code"), response.toString());
  }

  private static void assertAnthropicError(int status, Response response) {
    assertEquals(status, response.status(), response.toString());
    assertNotNull(response.header("x-request-id"), "no x-request-id: " + response);
    JsonNode body = json(response);
    assertEquals("error", body.get("type").asText(), response.toString());
    assertTrue(body.get("error").get("message").asText().length() > 5, response.toString());
  }

  @Test
  void a_nul_or_a_bare_cr_or_lf_in_a_header_is_a_400_in_the_route_familys_shape() {
    for (String bad : List.of("a\u0000b", "a\rb", "a\nb")) {
      String header = "X-Note: " + bad;
      assertProblem(400, raw("GET /api/v1/keys HTTP/1.1\r\nHost: x\r\n" + header));
      assertOpenAiError(400, raw("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n" + header));
      assertAnthropicError(400, raw("POST /v1/messages HTTP/1.1\r\nHost: x\r\n" + header));
    }
  }

  @Test
  void a_nul_or_a_broken_escape_in_the_path_is_a_400_in_the_route_familys_shape() {
    for (String bad : List.of("%00", "%zz", "%", "a%00b")) {
      assertProblem(400, raw("GET /api/v1/keys/" + bad + " HTTP/1.1\r\nHost: x"));
      assertOpenAiError(400, raw("GET /v1/models/" + bad + " HTTP/1.1\r\nHost: x"));
    }
  }

  @Test
  void a_request_line_that_is_not_http_is_a_400_with_a_request_id() {
    Response response = raw("GET /api/v1/keys\u0000 HTTP/1.1\r\nHost: x");

    assertProblem(400, response);
  }

  @Test
  void head_mirrors_get_for_the_callers_own_key_an_unknown_id_and_another_tenants_key() {
    List<Map.Entry<String, String>> auth =
        List.of(Map.entry("Authorization", "Bearer " + adminKey));
    try (RawConnection connection = new RawConnection(node.port())) {
      Response own = connection.send("HEAD", "/api/v1/keys/" + keyId, auth, null);
      Response unknown = connection.send("HEAD", "/api/v1/keys/key_doesnotexist0000", auth, null);
      Response theirs = connection.send("HEAD", "/api/v1/keys/" + otherTenantsKeyId, auth, null);
      Response anonymous = connection.send("HEAD", "/api/v1/keys/" + keyId, List.of(), null);
      Response getUnknown = connection.send("GET", "/api/v1/keys/key_doesnotexist0000", auth, null);

      assertEquals(200, own.status(), own.toString());
      assertEquals(404, getUnknown.status(), getUnknown.toString());
      assertEquals(404, unknown.status(), unknown.toString());
      assertEquals(404, theirs.status(), theirs.toString());
      assertEquals(401, anonymous.status(), anonymous.toString());
      assertNotNull(unknown.header("x-request-id"));
    }
  }

  @Test
  void a_known_path_asked_with_a_method_it_does_not_serve_is_a_405_with_allow() {
    List<Map.Entry<String, String>> auth =
        List.of(Map.entry("Authorization", "Bearer " + adminKey));
    try (RawConnection connection = new RawConnection(node.port())) {
      Response put = connection.send("PUT", "/api/v1/keys/" + keyId, auth, "{}");
      Response postModels = connection.send("POST", "/v1/models", List.of(), "{}");
      Response getCompletions = connection.send("GET", "/v1/chat/completions", List.of(), null);

      assertProblem(405, put);
      assertEquals(
          List.of("DELETE", "GET", "HEAD", "PATCH"), allowed(put), "Allow: " + put.header("Allow"));
      assertOpenAiError(405, postModels);
      assertEquals(List.of("GET", "HEAD"), allowed(postModels));
      assertOpenAiError(405, getCompletions);
      assertEquals(List.of("POST"), allowed(getCompletions));
    }
  }

  private static List<String> allowed(Response response) {
    String allow = response.header("Allow");
    assertNotNull(allow, "no Allow header: " + response);
    return Arrays.stream(allow.split(",")).map(String::strip).sorted().toList();
  }
}
