package io.killtoken.bootstrap.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.killtoken.bootstrap.admin.Node;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Ends a browser's session from outside it, as a logout in another tab or a timeout would. */
final class Sessions {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Sessions() {}

  static void end(Node node, String cookie) throws Exception {
    HttpResponse<String> me =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node.url("/api/v1/auth/me")))
                .header("Cookie", "kt_session=" + cookie)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, me.statusCode(), me.body());
    String csrf = new ObjectMapper().readTree(me.body()).get("csrf_token").asText();
    HttpResponse<String> out =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node.url("/api/v1/auth/logout")))
                .header("Cookie", "kt_session=" + cookie)
                .header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(204, out.statusCode(), out.body());
  }
}
