package io.killtoken.adapters.http.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  /** Answers with the client IP the rules pick, for a request from 127.0.0.1. */
  private static String ipSeen(List<String> trusted, String forwardedFor) throws Exception {
    ClientAddress address = new ClientAddress(trusted);
    Javalin app =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.routes.get("/ip", ctx -> ctx.result(address.ip(ctx)));
                })
            .start("127.0.0.1", 0);
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/ip"));
      if (forwardedFor != null) {
        request.header("X-Forwarded-For", forwardedFor);
      }
      return HttpClient.newHttpClient()
          .send(request.build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } finally {
      app.stop();
    }
  }

  @Test
  void an_untrusted_peer_cannot_choose_its_address() throws Exception {
    assertEquals("127.0.0.1", ipSeen(List.of(), "203.0.113.9"));
    assertEquals("127.0.0.1", ipSeen(List.of("10.0.0.0/8"), "203.0.113.9"));
  }

  @Test
  void behind_a_trusted_proxy_the_last_untrusted_hop_is_the_client() throws Exception {
    assertEquals("203.0.113.9", ipSeen(List.of("127.0.0.1"), "203.0.113.9"));
    assertEquals(
        "203.0.113.9",
        ipSeen(List.of("127.0.0.0/8", "10.0.0.0/8"), "1.2.3.4, 203.0.113.9, 10.1.2.3"));
    assertEquals("127.0.0.1", ipSeen(List.of("127.0.0.1"), null));
  }

  @Test
  void proxy_ranges_must_be_ip_literals() {
    assertThrows(IllegalArgumentException.class, () -> new ClientAddress(List.of("lb.internal")));
    assertThrows(IllegalArgumentException.class, () -> new ClientAddress(List.of("10.0.0.0/33")));
  }
}
