package io.killtoken.bootstrap.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.bootstrap.admin.Browser;
import io.killtoken.bootstrap.admin.Node;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a browser is told with every dashboard response — a policy that allows no inline script and
 * nothing from another origin, no sniffing, no framing, no referrer, no storing of account pages —
 * and that the dashboard's paths never change what machine clients of the API get.
 */
class DashboardHeadersTest {

  private static Node node;
  private static Browser anyone;

  @BeforeAll
  static void start() {
    node = Node.Cluster.fresh().start();
    anyone = new Browser(node);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static Browser.Reply html(String path) {
    return anyone.send("GET", path, null, Map.of("Accept", "text/html,*/*;q=0.8"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/login", "/keys", "/keys/some-id", "/usage", "/billing"})
  void every_page_is_the_dashboard_under_a_strict_policy(String path) {
    Browser.Reply page = html(path);

    assertEquals(200, page.status());
    assertEquals("text/html;charset=utf-8", page.header("Content-Type").replace(" ", ""));
    assertTrue(page.body().contains("<script type=\"module\" src=\"/assets/app.js\">"));
    assertFalse(page.body().matches("(?s).*<script>.*"), "no inline script");
    String policy = page.header("Content-Security-Policy");
    assertTrue(policy.contains("default-src 'none'"), policy);
    assertTrue(policy.contains("script-src 'self'"), policy);
    assertTrue(policy.contains("frame-ancestors 'none'"), policy);
    assertFalse(policy.contains("unsafe"), policy);
    assertEquals("nosniff", page.header("X-Content-Type-Options"));
    assertEquals("DENY", page.header("X-Frame-Options"));
    assertEquals("no-referrer", page.header("Referrer-Policy"));
    assertEquals("no-store", page.header("Cache-Control"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/assets/app.js", "/assets/pages/keys.js", "/assets/app.css"})
  void assets_come_from_the_jar_with_their_type(String path) {
    Browser.Reply asset = html(path);

    assertEquals(200, asset.status());
    assertTrue(
        asset
            .header("Content-Type")
            .startsWith(path.endsWith(".js") ? "text/javascript" : "text/css"));
    assertEquals("nosniff", asset.header("X-Content-Type-Options"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/assets/vendor/uplot/uPlot.esm.js", "/assets/vendor/uplot/uPlot.min.css"})
  void the_chart_library_is_served_from_its_webjar_with_no_internet(String path) {
    Browser.Reply asset = html(path);

    assertEquals(200, asset.status());
    assertTrue(asset.body().contains(path.endsWith(".js") ? "function uPlot(" : ".uplot"), path);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/assets/../index.html",
        "/assets/%2e%2e/index.html",
        "/assets/index.html",
        "/assets/nothing.js",
        "/assets/app.js.map",
        "/assets/vendor/uplot/../../../logback.xml"
      })
  void nothing_else_of_the_class_path_is_served(String path) {
    Browser.Reply reply = anyone.get(path);

    assertTrue(reply.status() == 404 || reply.status() == 400, reply.toString());
    assertFalse(reply.body().contains("<html"), reply.toString());
  }

  @org.junit.jupiter.api.Test
  void a_browser_asking_for_a_path_nobody_serves_gets_the_page_and_a_404() {
    Browser.Reply page = html("/no-such-page");

    assertEquals(404, page.status());
    assertTrue(page.body().contains("/assets/app.js"));
    assertEquals("no-store", page.header("Cache-Control"));
  }

  @org.junit.jupiter.api.Test
  void api_clients_get_the_apis_own_answers_whatever_they_accept() {
    Browser.Reply missing = html("/api/v1/no-such-thing");
    assertEquals(404, missing.status());
    assertEquals("application/problem+json", missing.header("Content-Type"));

    Browser.Reply refused = html("/api/v1/keys");
    assertEquals(401, refused.status());
    assertEquals("no-store", refused.header("Cache-Control"));
    assertEquals("nosniff", refused.header("X-Content-Type-Options"));

    Browser.Reply machine = anyone.get("/no-such-page");
    assertEquals(404, machine.status());
    assertFalse(machine.body().contains("<html"), "a client that does not ask for HTML");
  }
}
