package io.killtoken.bootstrap.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A client of the admin API as a person's browser or a script uses it: keeps the session cookie,
 * sends the CSRF token it was given, or sends an API key instead. Every response it sees is kept so
 * tests can search all of them for secrets.
 */
public final class Browser {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SEEN =
      java.util.Collections.synchronizedList(new ArrayList<>());

  private final Node node;
  private final HttpClient client;
  private final String clientIp = randomClientIp();
  private String csrf;
  private String apiKey;

  public Browser(Node node) {
    this.node = node;
    this.client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
  }

  /** The same cookies and token, talking to another node of the cluster. */
  public Browser(Node node, Browser sameUser) {
    this.node = node;
    this.client = sameUser.client;
    this.csrf = sameUser.csrf;
    this.apiKey = sameUser.apiKey;
  }

  private static String randomClientIp() {
    java.util.concurrent.ThreadLocalRandom random =
        java.util.concurrent.ThreadLocalRandom.current();
    return "198.18." + random.nextInt(256) + "." + (1 + random.nextInt(254));
  }

  /** Every response body and header any browser has seen in this JVM. */
  public static String everythingSeen() {
    synchronized (SEEN) {
      return String.join("\n", SEEN);
    }
  }

  public Browser withApiKey(String key) {
    Browser browser = new Browser(node);
    browser.apiKey = key;
    return browser;
  }

  public String csrf() {
    return csrf;
  }

  public void forgetCsrf() {
    csrf = null;
  }

  /** Signs up a new tenant and keeps its session; returns the tenant id. */
  public String signUp(String email, String tenantName) {
    Reply reply =
        post(
            "/api/v1/auth/signup",
            Map.of("email", email, "password", "correct horse battery", "tenant_name", tenantName));
    if (reply.status() != 201) {
      throw new AssertionError("sign-up failed: " + reply);
    }
    return reply.json().get("tenant_id").asText();
  }

  public Reply get(String path) {
    return send("GET", path, null, Map.of());
  }

  public Reply post(String path, Object body) {
    return send("POST", path, body, Map.of());
  }

  public Reply patch(String path, Object body) {
    return send("PATCH", path, body, Map.of());
  }

  public Reply delete(String path) {
    return send("DELETE", path, null, Map.of());
  }

  public Reply send(String method, String path, Object body, Map<String, String> headers) {
    try {
      String text =
          body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(node.url(path)))
              .method(
                  method,
                  text == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(text));
      if (text != null && !headers.containsKey("Content-Type")) {
        request.header("Content-Type", "application/json");
      }
      if (csrf != null) {
        request.header("X-CSRF-Token", csrf);
      }
      if (!headers.containsKey("X-Forwarded-For")) {
        // Test nodes trust 127.0.0.1 as their proxy: each browser is its own client address.
        request.header("X-Forwarded-For", clientIp);
      }
      if (apiKey != null) {
        request.header("Authorization", "Bearer " + apiKey);
      }
      headers.forEach(request::header);
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Reply reply = new Reply(response.statusCode(), response.headers().map(), response.body());
      SEEN.add(response.headers().map() + "\n" + response.body());
      JsonNode json = reply.jsonOrNull();
      if (json != null && json.hasNonNull("csrf_token")) {
        csrf = json.get("csrf_token").asText();
      }
      return reply;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One response: status, headers and body. */
  public record Reply(int status, Map<String, List<String>> headers, String body) {

    public JsonNode json() {
      JsonNode json = jsonOrNull();
      if (json == null) {
        throw new AssertionError("not JSON: " + this);
      }
      return json;
    }

    JsonNode jsonOrNull() {
      try {
        return body == null || body.isEmpty() ? null : JSON.readTree(body);
      } catch (IOException e) {
        return null;
      }
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }
  }
}
