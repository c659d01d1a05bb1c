package io.killtoken.bootstrap.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * A client of a {@link MainProcess}'s admin API: a signed-up owner (cookie and CSRF token) or an
 * admin key.
 */
public record AdminClient(MainProcess node, HttpClient client, String csrf, String key) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Signs a new tenant up and keeps its session. */
  public static AdminClient signUp(MainProcess node, String email) throws Exception {
    HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    AdminClient anonymous = new AdminClient(node, client, null, null);
    HttpResponse<String> signedUp =
        anonymous.post(
            "/api/v1/auth/signup",
            Map.of("email", email, "password", "correct horse battery", "tenant_name", "Test"));
    assertEquals(201, signedUp.statusCode(), signedUp.body());
    return new AdminClient(
        node, client, JSON.readTree(signedUp.body()).get("csrf_token").asText(), null);
  }

  /** Calls with {@code Authorization: Bearer key} and no session. */
  public static AdminClient withKey(MainProcess node, String key) {
    return new AdminClient(node, HttpClient.newHttpClient(), null, key);
  }

  public HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(node.url(path))).GET());
  }

  public HttpResponse<String> post(String path, Object body) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(node.url(path)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    if (csrf != null) {
      request.header("X-CSRF-Token", csrf);
    }
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
