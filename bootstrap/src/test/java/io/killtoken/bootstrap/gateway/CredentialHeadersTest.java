package io.killtoken.bootstrap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import io.killtoken.bootstrap.admin.Browser;
import io.killtoken.bootstrap.admin.Node;
import io.killtoken.bootstrap.edge.RawConnection;
import io.killtoken.bootstrap.edge.RawConnection.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly which headers carry a credential: {@code Authorization: Bearer} or {@code x-api-key} on
 * every gateway route, one of them once — two Authorization headers, two x-api-key headers or two
 * keys that disagree are a 400 — and the request id also as {@code request-id} on {@code
 * /v1/messages}, where the Anthropic SDKs look for it.
 */
class CredentialHeadersTest {

  private static final String CHAT =
      "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  private static FakeOpenAi openai;
  private static Node node;
  private static String gatewayKey;
  private static String otherGatewayKey;
  private static String adminKey;

  @BeforeAll
  static void start() throws Exception {
    openai = new FakeOpenAi();
    node =
        Node.Cluster.fresh().start(Map.of("KILLTOKEN_PROVIDER_OPENAI_BASE_URL", openai.baseUrl()));
    Browser owner = new Browser(node);
    owner.signUp("headers-" + UUID.randomUUID() + "@example.com", "Headers");
    gatewayKey = key(owner, "gateway");
    otherGatewayKey = key(owner, "gateway");
    adminKey = key(owner, "admin");
    owner.post(
        "/api/v1/credentials", Map.of("provider", "openai", "secret", "sk-proj-headers0001"));
  }

  private static String key(Browser owner, String scope) {
    JsonNode key =
        owner.post("/api/v1/keys", Map.of("name", scope, "scopes", List.of(scope))).json();
    return key.get("key").asText();
  }

  @AfterAll
  static void stop() {
    node.close();
    openai.close();
  }

  private static Response send(String method, String path, String body, String... headers) {
    List<Map.Entry<String, String>> fields = new java.util.ArrayList<>();
    for (int i = 0; i < headers.length; i += 2) {
      fields.add(Map.entry(headers[i], headers[i + 1]));
    }
    try (RawConnection connection = new RawConnection(node.port())) {
      return connection.send(method, path, fields, body);
    }
  }

  @Test
  void an_x_api_key_header_authenticates_chat_completions_as_the_docs_say() {
    Response ok = send("POST", "/v1/chat/completions", CHAT, "x-api-key", gatewayKey);
    Response bad = send("POST", "/v1/chat/completions", CHAT, "x-api-key", gatewayKey + "x");

    assertEquals(200, ok.status(), ok.toString());
    assertEquals(401, bad.status(), bad.toString());
  }

  @Test
  void two_authorization_headers_are_a_400_on_the_gateway_and_the_admin_api() {
    String good = "Bearer " + gatewayKey;
    String other = "Bearer " + otherGatewayKey;
    Response twoOnChat =
        send("POST", "/v1/chat/completions", CHAT, "Authorization", good, "Authorization", other);
    Response sameTwiceOnChat =
        send("POST", "/v1/chat/completions", CHAT, "Authorization", good, "Authorization", good);
    Response twoOnAdmin =
        send(
            "GET",
            "/api/v1/keys",
            null,
            "Authorization",
            "Bearer " + adminKey,
            "Authorization",
            "Bearer kt_invalid");

    assertEquals(400, twoOnChat.status(), twoOnChat.toString());
    assertTrue(twoOnChat.body().contains("\"invalid_request_error\""), twoOnChat.body());
    assertTrue(twoOnChat.body().contains("Authorization"), twoOnChat.body());
    assertEquals(400, sameTwiceOnChat.status(), sameTwiceOnChat.toString());
    assertEquals(400, twoOnAdmin.status(), twoOnAdmin.toString());
    assertTrue(twoOnAdmin.header("Content-Type").startsWith("application/problem+json"));
  }

  @Test
  void two_x_api_key_headers_or_two_keys_that_disagree_are_a_400() {
    Response twoKeys =
        send("POST", "/v1/messages", "{}", "x-api-key", gatewayKey, "x-api-key", otherGatewayKey);
    Response disagree =
        send(
            "POST",
            "/v1/chat/completions",
            CHAT,
            "Authorization",
            "Bearer " + gatewayKey,
            "x-api-key",
            otherGatewayKey);
    Response agree =
        send(
            "POST",
            "/v1/chat/completions",
            CHAT,
            "Authorization",
            "Bearer " + gatewayKey,
            "x-api-key",
            gatewayKey);

    assertEquals(400, twoKeys.status(), twoKeys.toString());
    assertTrue(twoKeys.body().contains("\"type\":\"error\""), twoKeys.body());
    assertTrue(twoKeys.body().contains("x-api-key"), twoKeys.body());
    assertEquals(400, disagree.status(), disagree.toString());
    assertEquals(200, agree.status(), agree.toString());
  }

  @Test
  void messages_answers_carry_request_id_where_the_anthropic_sdks_read_it() {
    AnthropicClient sdk =
        AnthropicOkHttpClient.builder()
            .apiKey(gatewayKey)
            .baseUrl(node.url(""))
            .maxRetries(0)
            .timeout(Duration.ofSeconds(10))
            .build();
    MessageCreateParams params =
        MessageCreateParams.builder()
            .model("gpt-4o-mini")
            .maxTokens(64)
            .addUserMessage("Hello " + UUID.randomUUID())
            .build();

    try (HttpResponseFor<Message> response = sdk.messages().withRawResponse().create(params)) {
      assertEquals(200, response.statusCode());
      String requestId = response.requestId().orElseThrow(() -> new AssertionError("none"));
      assertEquals(response.headers().values("x-request-id"), List.of(requestId));
    }
    AnthropicClient badKey =
        AnthropicOkHttpClient.builder()
            .apiKey(gatewayKey + "x")
            .baseUrl(node.url(""))
            .maxRetries(0)
            .build();
    UnauthorizedException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            UnauthorizedException.class, () -> badKey.messages().create(params));
    assertNotNull(refused.headers().values("request-id").getFirst());
    assertEquals(refused.headers().values("x-request-id"), refused.headers().values("request-id"));
  }
}
