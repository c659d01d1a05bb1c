package io.killtoken.bootstrap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.SseException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.bootstrap.admin.Browser;
import io.killtoken.bootstrap.admin.Node;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/messages} driven by the official Anthropic Java SDK against a local fake OpenAI:
 * the Anthropic request is answered by an OpenAI model, with the tenant's own OpenAI key, in
 * Anthropic's shape — JSON, streams, tool use and errors — and every call is accounted.
 */
class MessagesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MODEL = "gpt-4o-mini";
  private static final int BODY_LIMIT = 1024 * 1024;

  private static FakeOpenAi openai;
  private static Node.Cluster cluster;
  private static Node node;
  private static Tenant alice;

  /** A signed-up tenant with a gateway key and, unless told otherwise, its own OpenAI key. */
  record Tenant(Browser browser, String gatewayKey, String providerKey, String keyId) {}

  private static Tenant tenant(String name, boolean withCredential) {
    Browser browser = new Browser(node);
    browser.signUp(name + "-" + UUID.randomUUID() + "@example.com", name);
    JsonNode key =
        browser.post("/api/v1/keys", Map.of("name", "app", "scopes", List.of("gateway"))).json();
    String providerKey = "sk-proj-" + name + "-" + UUID.randomUUID().toString().replace("-", "");
    if (withCredential) {
      browser.post("/api/v1/credentials", Map.of("provider", "openai", "secret", providerKey));
    }
    return new Tenant(browser, key.get("key").asText(), providerKey, key.get("id").asText());
  }

  @BeforeAll
  static void start() throws Exception {
    openai = new FakeOpenAi();
    cluster = Node.Cluster.fresh();
    node =
        cluster.start(
            Map.of(
                "KILLTOKEN_PROVIDER_OPENAI_BASE_URL",
                openai.baseUrl(),
                "KILLTOKEN_MAX_BODY_BYTES",
                Integer.toString(BODY_LIMIT)));
    alice = tenant("alice", true);
  }

  @AfterAll
  static void stop() {
    node.close();
    openai.close();
  }

  private static AnthropicClient sdk(String key) {
    return AnthropicOkHttpClient.builder()
        .apiKey(key)
        .baseUrl(node.url(""))
        .maxRetries(0)
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  private static MessageCreateParams ask(String model) {
    return MessageCreateParams.builder()
        .model(model)
        .maxTokens(256)
        .system("You are terse.")
        .addUserMessage("Say hello " + UUID.randomUUID())
        .build();
  }

  private static Tool weatherTool() {
    return Tool.builder()
        .name("get_weather")
        .description("The current weather in a city")
        .inputSchema(
            Tool.InputSchema.builder()
                .properties(
                    Tool.InputSchema.Properties.builder()
                        .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string")))
                        .build())
                .addRequired("city")
                .build())
        .build();
  }

  private static Message accumulate(StreamResponse<RawMessageStreamEvent> stream) {
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (stream) {
      stream.stream().forEach(accumulator::accumulate);
    }
    return accumulator.message();
  }

  private static String errorType(AnthropicServiceException error) {
    return error.body().convert(JsonNode.class).path("error").path("type").asText();
  }

  private static HttpResponse<String> raw(Map<String, String> headers, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(node.url("/v1/messages")))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Usage is written off the request path: wait (bounded) until the records are stored. */
  private static List<Document> usageOf(String keyId, int atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      List<Document> records =
          MongoFixture.shared()
              .client()
              .getDatabase(cluster.database())
              .getCollection("usage")
              .find(Filters.eq("apiKeyId", keyId))
              .into(new ArrayList<>());
      if (records.size() >= atLeast || System.nanoTime() > deadline) {
        return records;
      }
      Thread.sleep(50);
    }
  }

  @Test
  void a_json_message_is_answered_by_the_openai_model_in_anthropic_shape() {
    Message message = sdk(alice.gatewayKey()).messages().create(ask(MODEL));

    assertEquals("Hello from the fake.", message.content().getFirst().asText().text());
    assertTrue(message.id().startsWith("msg_"), message.id());
    assertEquals(MODEL, message.model().asString());
    assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
    assertEquals(8, message.usage().inputTokens(), "prompt tokens minus the cached ones");
    assertEquals(4, message.usage().cacheReadInputTokens().orElseThrow());
    assertEquals(5, message.usage().outputTokens());
    FakeOpenAi.Received upstream = openai.received().getLast();
    assertEquals("Bearer " + alice.providerKey(), upstream.authorization());
    assertEquals(MODEL, upstream.body().get("model").asText());
    assertEquals(256, upstream.body().get("max_completion_tokens").asInt());
    assertEquals("system", upstream.body().get("messages").get(0).get("role").asText());
    assertEquals("You are terse.", upstream.body().get("messages").get(0).get("content").asText());
    assertFalse(upstream.body().toString().contains(alice.gatewayKey()), "our key stays here");
  }

  @Test
  void a_streamed_message_accumulates_its_text_and_ends_with_the_usage() {
    Message message = accumulate(sdk(alice.gatewayKey()).messages().createStreaming(ask(MODEL)));

    assertEquals("Hello from the stream.", message.content().getFirst().asText().text());
    assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
    assertEquals(6, message.usage().inputTokens());
    assertEquals(3, message.usage().cacheReadInputTokens().orElseThrow());
    assertEquals(6, message.usage().outputTokens());
    JsonNode upstream = openai.received().getLast().body();
    assertTrue(upstream.path("stream").asBoolean());
    assertTrue(upstream.path("stream_options").path("include_usage").asBoolean());
  }

  @Test
  void a_tool_use_round_trip_goes_through_an_openai_model() {
    AnthropicClient client = sdk(alice.gatewayKey());
    MessageCreateParams question =
        MessageCreateParams.builder()
            .model(MODEL)
            .maxTokens(512)
            .addTool(weatherTool())
            .addUserMessage("What is the weather in Paris?")
            .build();

    Message call = client.messages().create(question);

    assertEquals(StopReason.TOOL_USE, call.stopReason().orElseThrow());
    ToolUseBlock toolUse =
        call.content().stream()
            .filter(ContentBlock::isToolUse)
            .findFirst()
            .orElseThrow()
            .asToolUse();
    assertEquals("get_weather", toolUse.name());
    assertEquals(Map.of("city", "Paris"), toolUse._input().convert(Map.class));

    Message answer =
        client
            .messages()
            .create(
                question.toBuilder()
                    .addMessage(call)
                    .addUserMessageOfContentBlockParams(
                        List.of(
                            ContentBlockParam.ofToolResult(
                                ToolResultBlockParam.builder()
                                    .toolUseId(toolUse.id())
                                    .content("sunny")
                                    .build())))
                    .build());

    assertEquals("It is sunny in Paris.", answer.content().getFirst().asText().text());
    JsonNode sent = openai.received().getLast().body();
    assertEquals("get_weather", sent.get("tools").get(0).get("function").get("name").asText());
    JsonNode messages = sent.get("messages");
    assertEquals(3, messages.size(), messages.toString());
    JsonNode assistant = messages.get(1);
    assertEquals(toolUse.id(), assistant.get("tool_calls").get(0).get("id").asText());
    assertEquals(
        "{\"city\":\"Paris\"}",
        assistant.get("tool_calls").get(0).get("function").get("arguments").asText());
    assertEquals("tool", messages.get(2).get("role").asText());
    assertEquals(toolUse.id(), messages.get(2).get("tool_call_id").asText());
    assertEquals("sunny", messages.get(2).get("content").asText());
  }

  @Test
  void a_streamed_tool_call_arrives_as_a_complete_tool_use_block() {
    Message message =
        accumulate(
            sdk(alice.gatewayKey())
                .messages()
                .createStreaming(
                    MessageCreateParams.builder()
                        .model(MODEL)
                        .maxTokens(512)
                        .addTool(weatherTool())
                        .addUserMessage("Weather in Paris?")
                        .build()));

    assertEquals(StopReason.TOOL_USE, message.stopReason().orElseThrow());
    ToolUseBlock toolUse = message.content().getFirst().asToolUse();
    assertEquals("call_w2", toolUse.id());
    assertEquals(Map.of("city", "Paris"), toolUse._input().convert(Map.class));
    assertEquals(12, message.usage().outputTokens());
  }

  @Test
  void a_revoked_key_gets_the_sdks_authentication_error() {
    Tenant dave = tenant("dave", true);
    assertEquals(204, dave.browser().delete("/api/v1/keys/" + dave.keyId()).status());

    UnauthorizedException refused =
        assertThrows(
            UnauthorizedException.class,
            () -> sdk(dave.gatewayKey()).messages().create(ask(MODEL)));

    assertEquals("authentication_error", errorType(refused));
  }

  @Test
  void a_tenant_without_a_credential_gets_missing_provider_credential_naming_the_provider() {
    Tenant carol = tenant("carol", false);
    int before = openai.received().size();

    BadRequestException refused =
        assertThrows(
            BadRequestException.class, () -> sdk(carol.gatewayKey()).messages().create(ask(MODEL)));

    assertEquals("missing_provider_credential", errorType(refused));
    assertTrue(refused.getMessage().contains("openai"), refused.getMessage());
    assertEquals(before, openai.received().size(), "no call went upstream with anyone's key");
  }

  @Test
  void an_upstream_rate_limit_is_the_sdks_rate_limit_error_with_retry_after() {
    RateLimitException limited =
        assertThrows(
            RateLimitException.class,
            () -> sdk(alice.gatewayKey()).messages().create(ask("gpt-fail-429")));

    assertEquals("7", limited.headers().values("Retry-After").getFirst());
    assertEquals("rate_limit_error", errorType(limited));
  }

  @Test
  void a_stream_the_upstream_breaks_off_ends_with_an_error_event_the_sdk_raises() {
    try (StreamResponse<RawMessageStreamEvent> stream =
        sdk(alice.gatewayKey()).messages().createStreaming(ask("gpt-broken-stream"))) {
      assertThrows(SseException.class, () -> stream.stream().forEach(event -> {}));
    }
  }

  @Test
  void every_call_becomes_one_usage_record_with_anthropic_calls_counted_like_openai_ones()
      throws Exception {
    Tenant erin = tenant("erin", true);
    AnthropicClient client = sdk(erin.gatewayKey());
    client.messages().create(ask(MODEL));
    accumulate(client.messages().createStreaming(ask(MODEL)));
    assertThrows(RateLimitException.class, () -> client.messages().create(ask("gpt-fail-429")));

    List<Document> records = usageOf(erin.keyId(), 3);

    assertEquals(3, records.size(), records.toString());
    Document json =
        records.stream()
            .filter(d -> !d.getBoolean("stream") && d.getString("status").equals("OK"))
            .findFirst()
            .orElseThrow();
    Document tokens = json.get("tokens", Document.class);
    assertEquals(12L, tokens.getLong("input"));
    assertEquals(5L, tokens.getLong("output"));
    assertEquals(4L, tokens.getLong("cachedInput"));
    assertEquals("openai", json.getString("provider"));
    assertEquals(64, json.getString("fingerprint").length());
    assertFalse(json.toJson().contains("Say hello"), "no prompt text is stored");
    Document streamed =
        records.stream().filter(d -> d.getBoolean("stream")).findFirst().orElseThrow();
    assertEquals("OK", streamed.getString("status"));
    assertEquals(6L, streamed.get("tokens", Document.class).getLong("output"));
    assertTrue(records.stream().anyMatch(d -> d.getString("status").equals("UPSTREAM_ERROR")));
  }

  @Test
  void a_bad_request_gets_anthropics_error_body_with_request_id_and_cache_headers()
      throws Exception {
    HttpResponse<String> refused =
        raw(
            Map.of("x-api-key", alice.gatewayKey()),
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertEquals(400, refused.statusCode());
    assertEquals(
        JSON.readTree(
            "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"'max_tokens' is required.\"}}"),
        JSON.readTree(refused.body()));
    assertNotNull(refused.headers().firstValue("x-request-id").orElse(null));
    assertEquals("bypass", refused.headers().firstValue("x-killtoken-cache").orElseThrow());
  }

  @Test
  void a_body_over_the_gateway_limit_is_413_in_anthropic_shape() throws Exception {
    String huge = "x".repeat(BODY_LIMIT + 1);

    HttpResponse<String> refused =
        raw(
            Map.of("x-api-key", alice.gatewayKey()),
            "{\"model\":\"gpt-4o-mini\",\"max_tokens\":10,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\""
                + huge
                + "\"}]}");

    assertEquals(413, refused.statusCode());
    JsonNode body = JSON.readTree(refused.body());
    assertEquals("error", body.get("type").asText());
    assertEquals("request_too_large", body.get("error").get("type").asText());
  }

  @Test
  void a_repeated_message_is_answered_from_the_cache_in_anthropic_shape_json_and_stream()
      throws Exception {
    String body =
        "{\"model\":\"gpt-4o-mini\",\"max_tokens\":64,\"temperature\":0,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"cache me "
            + java.util.UUID.randomUUID()
            + "\"}]}";
    Map<String, String> headers = Map.of("x-api-key", alice.gatewayKey());

    HttpResponse<String> miss = raw(headers, body);
    HttpResponse<String> hit = raw(headers, body);
    HttpResponse<String> streamedHit =
        raw(headers, body.replace("\"temperature\":0,", "\"temperature\":0,\"stream\":true,"));

    assertEquals("miss", miss.headers().firstValue("x-killtoken-cache").orElseThrow());
    assertEquals("hit", hit.headers().firstValue("x-killtoken-cache").orElseThrow());
    JsonNode first = JSON.readTree(miss.body());
    JsonNode again = JSON.readTree(hit.body());
    assertEquals("message", again.get("type").asText());
    assertEquals(first.get("content"), again.get("content"));
    assertEquals("hit", streamedHit.headers().firstValue("x-killtoken-cache").orElseThrow());
    assertTrue(streamedHit.body().startsWith("event: message_start"), streamedHit.body());
    assertTrue(streamedHit.body().contains("Hello from the fake."), streamedHit.body());
    assertTrue(streamedHit.body().contains("event: message_stop"), streamedHit.body());
  }

  @Test
  void a_bearer_key_works_too_and_a_raw_stream_is_named_sse_events() throws Exception {
    HttpResponse<String> streamed =
        raw(
            Map.of("Authorization", "Bearer " + alice.gatewayKey()),
            "{\"model\":\"gpt-4o-mini\",\"max_tokens\":64,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertEquals(200, streamed.statusCode());
    assertTrue(
        streamed
            .headers()
            .firstValue("content-type")
            .orElseThrow()
            .startsWith("text/event-stream"));
    assertTrue(streamed.headers().firstValue("x-request-id").isPresent());
    assertEquals("bypass", streamed.headers().firstValue("x-killtoken-cache").orElseThrow());
    assertTrue(streamed.body().startsWith("event: message_start\ndata: {"), streamed.body());
    assertTrue(
        streamed.body().endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
    assertFalse(streamed.body().contains("[DONE]"), "no OpenAI terminator on an Anthropic stream");
  }

  @Test
  void a_client_that_disconnects_mid_stream_still_produces_a_usage_record() throws Exception {
    Tenant frank = tenant("frank", true);
    byte[] body =
        ("{\"model\":\"gpt-slow-stream\",\"max_tokens\":64,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    // A raw socket, so the disconnect is a real reset the moment the client leaves.
    try (Socket socket = new Socket("127.0.0.1", node.port())) {
      socket.setSoLinger(true, 0);
      String head =
          "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: "
              + frank.gatewayKey()
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + body.length
              + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().write(body);
      socket.getOutputStream().flush();
      String seen = "";
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[256];
      while (!seen.contains("text_delta")) {
        int read = in.read(buffer);
        assertTrue(read > 0, "the first text arrived before the end of the answer");
        seen += new String(buffer, 0, read, StandardCharsets.UTF_8);
      }
    }

    List<Document> records = usageOf(frank.keyId(), 1);
    assertEquals(1, records.size());
    assertEquals("CLIENT_CLOSED", records.getFirst().getString("status"));
  }
}
