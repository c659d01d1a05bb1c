package io.killtoken.bootstrap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.killtoken.bootstrap.admin.Browser;
import io.killtoken.bootstrap.admin.Node;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input in the fields the gateway itself reads (routing, cache key, fingerprint, budget) is a
 * 400 in the OpenAI error shape, naming what is wrong, and never reaches the provider.
 */
class BadGatewayInputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final String GOOD =
      "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  private static FakeOpenAi openai;
  private static Node node;
  private static String key;

  @BeforeAll
  static void start() throws Exception {
    openai = new FakeOpenAi();
    node =
        Node.Cluster.fresh()
            .start(
                Map.of(
                    "KILLTOKEN_PROVIDER_OPENAI_BASE_URL",
                    openai.baseUrl(),
                    "KILLTOKEN_SIGNUP_PLAN",
                    "enterprise"));
    Browser browser = new Browser(node);
    browser.signUp("bad-input-" + UUID.randomUUID() + "@example.com", "bad input");
    browser.post(
        "/api/v1/credentials", Map.of("provider", "openai", "secret", "sk-" + UUID.randomUUID()));
    key =
        browser
            .post("/api/v1/keys", Map.of("name", "app", "scopes", List.of("gateway")))
            .json()
            .get("key")
            .asText();
  }

  @AfterAll
  static void stop() {
    node.close();
    openai.close();
  }

  private static HttpResponse<String> post(String path, byte[] body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(node.url(path)))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A 400 in the shape the OpenAI SDKs parse, whose message says {@code says}. */
  private static void assertRefused(String path, byte[] body, String says) throws Exception {
    int upstream = openai.received().size();

    HttpResponse<String> response = post(path, body);

    assertEquals(400, response.statusCode(), response.body());
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertEquals("invalid_request_error", error.get("type").asText(), response.body());
    assertTrue(
        error.get("message").asText().contains(says), "'" + says + "' in " + error.get("message"));
    assertEquals(upstream, openai.received().size(), "nothing reached the provider");
  }

  private static void assertRefused(String path, String body, String says) throws Exception {
    assertRefused(path, body.getBytes(StandardCharsets.UTF_8), says);
  }

  private static String chat(String fields) {
    return "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
        + fields
        + "}";
  }

  @Test
  void a_good_request_reaches_the_provider() throws Exception {
    assertEquals(
        200, post("/v1/chat/completions", GOOD.getBytes(StandardCharsets.UTF_8)).statusCode());
  }

  @Test
  void bytes_after_the_json_body_are_refused() throws Exception {
    assertRefused("/v1/chat/completions", GOOD + "{\"model\":\"gpt-4o\"}", "after");
    assertRefused("/v1/chat/completions", GOOD + " trailing", "after");
    assertRefused(
        "/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"hi\"} x", "after");
    assertRefused(
        "/v1/messages",
        "{\"model\":\"gpt-4o-mini\",\"max_tokens\":10,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}]",
        "after");
  }

  @Test
  void invalid_utf8_is_refused_on_every_gateway_route() throws Exception {
    byte[] chat =
        concat(
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"",
            new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF},
            "\"}]}");
    byte[] embeddings =
        concat(
            "{\"model\":\"text-embedding-3-small\",\"input\":\"",
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            "\"}");

    assertRefused("/v1/chat/completions", chat, "UTF-8");
    assertRefused("/v1/embeddings", embeddings, "UTF-8");
  }

  @Test
  void a_field_named_twice_is_refused_since_the_provider_might_read_the_other_one()
      throws Exception {
    assertRefused(
        "/v1/chat/completions",
        "{\"model\":\"gpt-4o-mini\",\"model\":\"anthropic/claude-sonnet-4-5\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
        "'model'");
  }

  @Test
  void wrong_types_for_the_fields_the_gateway_reads_are_refused_naming_the_field()
      throws Exception {
    assertRefused("/v1/chat/completions", chat("\"stream\":\"yes\""), "'stream'");
    assertRefused("/v1/chat/completions", chat("\"stream\":1"), "'stream'");
    assertRefused("/v1/chat/completions", chat("\"stream_options\":true"), "'stream_options'");
    assertRefused(
        "/v1/chat/completions",
        chat("\"stream\":true,\"stream_options\":{\"include_usage\":\"yes\"}"),
        "'stream_options.include_usage'");
    assertRefused("/v1/chat/completions", chat("\"temperature\":\"0\""), "'temperature'");
    assertRefused("/v1/chat/completions", chat("\"max_tokens\":\"100\""), "'max_tokens'");
    assertRefused("/v1/chat/completions", chat("\"max_tokens\":1.5"), "'max_tokens'");
    assertRefused(
        "/v1/chat/completions", chat("\"max_completion_tokens\":[1]"), "'max_completion_tokens'");
    assertRefused("/v1/chat/completions", chat("\"n\":\"2\""), "'n'");
    assertRefused("/v1/chat/completions", chat("\"seed\":\"7\""), "'seed'");
    assertRefused("/v1/chat/completions", chat("\"tools\":{\"type\":\"function\"}"), "'tools'");
    assertRefused("/v1/chat/completions", chat("\"tools\":[\"get_weather\"]"), "'tools[0]'");
    assertRefused(
        "/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":\"Hi\"}", "'messages'");
    assertRefused(
        "/v1/chat/completions",
        "{\"model\":\"gpt-4o-mini\",\"messages\":[\"Hi\"]}",
        "'messages[0]'");
    assertRefused(
        "/v1/chat/completions",
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":1,\"content\":\"Hi\"}]}",
        "'messages[0].role'");
    assertRefused(
        "/v1/chat/completions",
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":7}]}",
        "'messages[0].content'");
    assertRefused(
        "/v1/chat/completions",
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":[\"Hi\"]}]}",
        "'messages[0].content[0]'");
  }

  @Test
  void explicit_nulls_and_the_usual_shapes_still_pass() throws Exception {
    String body =
        "{\"model\":\"gpt-4o-mini\",\"temperature\":null,\"max_tokens\":null,\"stream\":false,"
            + "\"seed\":3,\"n\":1,\"max_completion_tokens\":20,\"stream_options\":null,"
            + "\"messages\":[{\"role\":\"system\",\"content\":\"Be brief\"},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]},"
            + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[]},"
            + "{\"role\":\"user\",\"content\":\"Again\"}]}\n ";

    HttpResponse<String> response =
        post("/v1/chat/completions", body.getBytes(StandardCharsets.UTF_8));

    assertEquals(200, response.statusCode(), response.body());
  }

  private static byte[] concat(String head, byte[] middle, String tail) {
    byte[] a = head.getBytes(StandardCharsets.UTF_8);
    byte[] c = tail.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[a.length + middle.length + c.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(middle, 0, all, a.length, middle.length);
    System.arraycopy(c, 0, all, a.length + middle.length, c.length);
    return all;
  }
}
