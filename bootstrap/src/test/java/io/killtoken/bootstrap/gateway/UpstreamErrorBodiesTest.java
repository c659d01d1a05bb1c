package io.killtoken.bootstrap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.killtoken.bootstrap.admin.Browser;
import io.killtoken.bootstrap.admin.Node;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A provider's 5xx body never reaches the client — OpenAI, Anthropic and Gemini, through both
 * gateway routes, JSON and streamed: the client hears which provider failed, its status and its
 * request id; a 4xx message is passed on.
 */
class UpstreamErrorBodiesTest {

  private static FaultyOpenAi upstream;
  private static Node node;
  private static Browser client;

  @BeforeAll
  static void start() throws Exception {
    upstream = new FaultyOpenAi();
    node =
        Node.Cluster.fresh()
            .start(
                Map.of(
                    "KILLTOKEN_PROVIDER_OPENAI_BASE_URL", upstream.baseUrl(),
                    "KILLTOKEN_PROVIDER_ANTHROPIC_BASE_URL", upstream.baseUrl(),
                    "KILLTOKEN_PROVIDER_GEMINI_BASE_URL", upstream.baseUrl(),
                    "KILLTOKEN_UPSTREAM_RETRIES", "0"));
    Browser owner = new Browser(node);
    owner.signUp("errors-" + UUID.randomUUID() + "@example.com", "errors");
    for (String provider : List.of("openai", "anthropic", "gemini")) {
      owner.post(
          "/api/v1/credentials",
          Map.of("provider", provider, "secret", "sk-errors-" + UUID.randomUUID()));
    }
    JsonNode key =
        owner.post("/api/v1/keys", Map.of("name", "app", "scopes", List.of("gateway"))).json();
    client = owner.withApiKey(key.get("key").asText());
  }

  @AfterAll
  static void stop() {
    node.close();
    upstream.close();
  }

  @Test
  void a_provider_crash_is_a_502_naming_provider_status_and_request_id_without_its_body() {
    for (boolean stream : new boolean[] {false, true}) {
      Browser.Reply reply = client.post("/v1/chat/completions", ask("gpt-crash", stream));

      assertEquals(502, reply.status(), reply.body());
      assertNoCanary(reply.body());
      String message = reply.json().path("error").path("message").asText();
      assertEquals(
          "OpenAI failed with HTTP 500 (request id " + FaultyOpenAi.CRASH_REQUEST_ID + ").",
          message);
    }
  }

  @Test
  void an_anthropic_or_gemini_crash_is_withheld_the_same_way_on_both_gateway_routes() {
    for (String[] provider :
        new String[][] {{"claude-crash", "Anthropic"}, {"gemini-crash", "Gemini"}}) {
      String expected =
          provider[1] + " failed with HTTP 500 (request id " + FaultyOpenAi.CRASH_REQUEST_ID + ").";
      for (boolean stream : new boolean[] {false, true}) {
        Browser.Reply chat = client.post("/v1/chat/completions", ask(provider[0], stream));
        assertEquals(502, chat.status(), chat.body());
        assertNoCanary(chat.body());
        assertEquals(expected, chat.json().path("error").path("message").asText());

        Map<String, Object> anthropicAsk = new java.util.HashMap<>(ask(provider[0], stream));
        anthropicAsk.put("max_tokens", 16);
        Browser.Reply messages = client.post("/v1/messages", anthropicAsk);
        assertEquals(502, messages.status(), messages.body());
        assertNoCanary(messages.body());
        assertEquals(expected, messages.json().path("error").path("message").asText());
      }
    }
  }

  @Test
  void a_providers_own_client_error_message_is_passed_on() {
    for (boolean stream : new boolean[] {false, true}) {
      Browser.Reply reply = client.post("/v1/chat/completions", ask("gpt-missing", stream));

      assertEquals(404, reply.status(), reply.body());
      assertTrue(reply.body().contains(FaultyOpenAi.MISSING_MODEL_MESSAGE), reply.body());
    }
  }

  private static void assertNoCanary(String body) {
    for (String secret :
        List.of(
            FaultyOpenAi.CANARY,
            FaultyOpenAi.CRASH_PASSWORD,
            FaultyOpenAi.CRASH_HOST,
            "Traceback",
            "mongodb://")) {
      assertFalse(body.contains(secret), "the upstream body reached the client: " + body);
    }
  }

  private static Map<String, Object> ask(String model, boolean stream) {
    return Map.of(
        "model",
        model,
        "stream",
        stream,
        "messages",
        List.of(Map.of("role", "user", "content", "hi " + UUID.randomUUID())));
  }
}
