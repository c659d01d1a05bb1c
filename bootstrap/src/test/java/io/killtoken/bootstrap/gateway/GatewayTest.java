package io.killtoken.bootstrap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionTool;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.bootstrap.admin.Browser;
import io.killtoken.bootstrap.admin.Browser.Reply;
import io.killtoken.bootstrap.admin.Node;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway driven by the official OpenAI Java SDK against a local fake OpenAI: every call
 * carries the calling tenant's own provider key and becomes one usage record.
 */
class GatewayTest {

  private static FakeOpenAi openai;
  private static Node.Cluster cluster;
  private static Node node;
  private static Tenant alice;
  private static Tenant bob;

  /** A signed-up tenant with a gateway key and an OpenAI credential of its own. */
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
                "KILLTOKEN_PROVIDER_FIRST_BYTE_TIMEOUT_MS",
                "1500"));
    alice = tenant("alice", true);
    bob = tenant("bob", true);
  }

  @AfterAll
  static void stop() {
    node.close();
    openai.close();
  }

  private static OpenAIClient sdk(String key) {
    return OpenAIOkHttpClient.builder()
        .apiKey(key)
        .baseUrl(node.url("/v1"))
        .maxRetries(0)
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  private static ChatCompletionCreateParams ask(String model) {
    return ChatCompletionCreateParams.builder()
        .model(model)
        .addSystemMessage("You are terse.")
        .addUserMessage("Say hello " + UUID.randomUUID())
        .build();
  }

  private static MongoCollection<Document> usage() {
    return MongoFixture.shared().client().getDatabase(cluster.database()).getCollection("usage");
  }

  /** Usage is written off the request path: wait (bounded) until the record is stored. */
  private static List<Document> usageOf(String keyId, int atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      List<Document> records =
          usage().find(Filters.eq("apiKeyId", keyId)).into(new java.util.ArrayList<>());
      if (records.size() >= atLeast || System.nanoTime() > deadline) {
        return records;
      }
      Thread.sleep(50);
    }
  }

  @Test
  void a_json_completion_goes_through_with_the_tenants_own_key() throws Exception {
    ChatCompletion completion =
        sdk(alice.gatewayKey()).chat().completions().create(ask("gpt-4o-mini"));

    assertEquals(
        "Hello from the fake.", completion.choices().getFirst().message().content().orElseThrow());
    assertEquals(17, completion.usage().orElseThrow().totalTokens());
    FakeOpenAi.Received last = openai.received().getLast();
    assertEquals("Bearer " + alice.providerKey(), last.authorization());
    assertEquals("gpt-4o-mini", last.body().get("model").asText());
    assertFalse(last.body().toString().contains(alice.gatewayKey()), "our key never goes upstream");
  }

  @Test
  void a_tool_call_round_trip_works_with_the_sdk() throws Exception {
    ChatCompletionTool weather =
        ChatCompletionTool.ofFunction(
            ChatCompletionFunctionTool.builder()
                .function(
                    FunctionDefinition.builder()
                        .name("get_weather")
                        .parameters(
                            FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .build())
                        .build())
                .build());
    OpenAIClient client = sdk(alice.gatewayKey());

    ChatCompletion first =
        client
            .chat()
            .completions()
            .create(
                ChatCompletionCreateParams.builder()
                    .model("gpt-4o-mini")
                    .addUserMessage("Weather in Paris?")
                    .addTool(weather)
                    .build());

    ChatCompletionMessageToolCall call =
        first.choices().getFirst().message().toolCalls().orElseThrow().getFirst();
    assertEquals("get_weather", call.asFunction().function().name());
    assertEquals("{\"city\":\"Paris\"}", call.asFunction().function().arguments());
    ChatCompletion second =
        client
            .chat()
            .completions()
            .create(
                ChatCompletionCreateParams.builder()
                    .model("gpt-4o-mini")
                    .addUserMessage("Weather in Paris?")
                    .addMessage(first.choices().getFirst().message())
                    .addMessage(
                        ChatCompletionToolMessageParam.builder()
                            .toolCallId(call.asFunction().id())
                            .content("sunny")
                            .build())
                    .addTool(weather)
                    .build());
    assertEquals(
        "It is sunny in Paris.", second.choices().getFirst().message().content().orElseThrow());
    JsonNode upstream = openai.received().getLast().body();
    assertEquals("tool", upstream.get("messages").get(2).get("role").asText());
  }

  @Test
  void embeddings_go_through_with_the_tenants_own_key_and_are_accounted() throws Exception {
    Tenant frank = tenant("frank", true);

    CreateEmbeddingResponse answer =
        sdk(frank.gatewayKey())
            .embeddings()
            .create(
                EmbeddingCreateParams.builder()
                    .model("text-embedding-3-small")
                    .inputOfArrayOfStrings(List.of("first", "second"))
                    .build());

    assertEquals(2, answer.data().size());
    assertEquals(List.of(0.25f, -0.5f, 1.0f), answer.data().get(1).embedding());
    assertEquals(16, answer.usage().promptTokens());
    assertEquals("Bearer " + frank.providerKey(), openai.received().getLast().authorization());
    Document record = usageOf(frank.keyId(), 1).getFirst();
    assertEquals("text-embedding-3-small", record.getString("model"));
    assertEquals(16L, record.get("tokens", Document.class).getLong("input"));
  }

  @Test
  void prompt_text_reaches_the_database_only_sealed_and_only_when_the_tenant_turned_it_on()
      throws Exception {
    Tenant gina = tenant("gina", true);
    String canary = "CANARY-prompt-" + UUID.randomUUID();
    OpenAIClient client = sdk(gina.gatewayKey());

    client
        .chat()
        .completions()
        .create(ask("gpt-4o-mini").toBuilder().addUserMessage(canary).build());
    assertEquals(
        200, gina.browser().patch("/api/v1/settings", Map.of("prompt_storage", true)).status());
    client
        .chat()
        .completions()
        .create(ask("gpt-4o-mini").toBuilder().addUserMessage(canary).build());

    List<Document> records = usageOf(gina.keyId(), 2);
    assertEquals(2, records.size());
    assertEquals(1, records.stream().filter(d -> d.containsKey("sealedPrompt")).count());
    for (Document record : records) {
      assertFalse(record.toJson().contains(canary), "never in plain text: " + record.toJson());
    }
  }

  @Test
  void a_stream_arrives_chunk_by_chunk_and_ends_with_the_usage_chunk_when_asked() throws Exception {
    ChatCompletionCreateParams params =
        ask("gpt-4o-mini").toBuilder()
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .build();
    StringBuilder text = new StringBuilder();
    long[] usageTokens = {0};
    try (StreamResponse<ChatCompletionChunk> stream =
        sdk(alice.gatewayKey()).chat().completions().createStreaming(params)) {
      stream.stream()
          .forEach(
              chunk -> {
                chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
                chunk.usage().ifPresent(u -> usageTokens[0] = u.totalTokens());
              });
    }

    assertEquals("Hello from the stream.", text.toString());
    assertEquals(15, usageTokens[0]);
    JsonNode upstream = openai.received().getLast().body();
    assertTrue(upstream.path("stream").asBoolean());
    assertTrue(upstream.path("stream_options").path("include_usage").asBoolean());
  }

  @Test
  void a_stream_without_include_usage_gets_no_usage_chunk_but_is_still_accounted()
      throws Exception {
    HttpResponse<String> raw =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(node.url("/v1/chat/completions")))
                    .header("Authorization", "Bearer " + bob.gatewayKey())
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"gpt-4o-mini\",\"stream\":true,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertEquals(200, raw.statusCode());
    assertTrue(
        raw.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
    assertTrue(raw.body().endsWith("data: [DONE]\n\n"));
    assertFalse(raw.body().contains("\"usage\""));
    List<Document> records = usageOf(bob.keyId(), 1);
    assertTrue(
        records.stream()
            .anyMatch(
                d ->
                    d.getBoolean("stream")
                        && d.get("tokens", Document.class).getLong("output") == 6),
        records.toString());
  }

  @Test
  void each_tenant_calls_with_its_own_key_never_the_other_tenants() throws Exception {
    sdk(alice.gatewayKey()).chat().completions().create(ask("gpt-4o-mini"));
    String aliceSent = openai.received().getLast().authorization();
    sdk(bob.gatewayKey()).chat().completions().create(ask("gpt-4o-mini"));
    String bobSent = openai.received().getLast().authorization();

    assertEquals("Bearer " + alice.providerKey(), aliceSent);
    assertEquals("Bearer " + bob.providerKey(), bobSent);
  }

  @Test
  void a_tenant_without_a_credential_gets_a_clear_error_naming_the_provider() {
    Tenant carol = tenant("carol", false);
    int before = openai.received().size();

    BadRequestException error =
        assertThrows(
            BadRequestException.class,
            () -> sdk(carol.gatewayKey()).chat().completions().create(ask("gpt-4o-mini")));

    assertTrue(error.getMessage().contains("openai"), error.getMessage());
    assertEquals(before, openai.received().size(), "no call went upstream with anyone's key");
  }

  @Test
  void a_revoked_or_admin_only_key_and_a_session_cookie_are_refused() {
    Tenant dave = tenant("dave", true);
    String admin =
        dave.browser()
            .post("/api/v1/keys", Map.of("name", "ops", "scopes", List.of("admin")))
            .json()
            .get("key")
            .asText();
    assertEquals(204, dave.browser().delete("/api/v1/keys/" + dave.keyId()).status());

    assertThrows(
        UnauthorizedException.class,
        () -> sdk(dave.gatewayKey()).chat().completions().create(ask("gpt-4o-mini")));
    assertThrows(
        PermissionDeniedException.class,
        () -> sdk(admin).chat().completions().create(ask("gpt-4o-mini")));
    Reply withCookie =
        dave.browser()
            .post(
                "/v1/chat/completions",
                Map.of(
                    "model",
                    "gpt-4o-mini",
                    "messages",
                    List.of(Map.of("role", "user", "content", "hi"))));
    assertEquals(401, withCookie.status());
  }

  @Test
  void upstream_errors_keep_their_meaning_for_the_sdk() {
    OpenAIClient client = sdk(alice.gatewayKey());

    RateLimitException limited =
        assertThrows(
            RateLimitException.class,
            () -> client.chat().completions().create(ask("gpt-fail-429")));
    assertEquals("7", limited.headers().values("Retry-After").getFirst());
    assertThrows(
        InternalServerException.class,
        () -> client.chat().completions().create(ask("gpt-fail-500")));
    NotFoundException missing =
        assertThrows(
            NotFoundException.class, () -> client.chat().completions().create(ask("gpt-fail-404")));
    assertTrue(missing.getMessage().contains("does not exist"));
  }

  @Test
  void an_upstream_that_hangs_is_a_504_within_the_first_byte_timeout() {
    long started = System.nanoTime();
    InternalServerException timeout =
        assertThrows(
            InternalServerException.class,
            () -> sdk(alice.gatewayKey()).chat().completions().create(ask("gpt-hang")));

    assertEquals(504, timeout.statusCode());
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 8);
  }

  @Test
  void every_call_becomes_a_usage_record_with_tokens_cost_and_no_prompt_text() throws Exception {
    Tenant erin = tenant("erin", true);
    sdk(erin.gatewayKey()).chat().completions().create(ask("gpt-4o-mini"));
    assertThrows(
        RateLimitException.class,
        () -> sdk(erin.gatewayKey()).chat().completions().create(ask("gpt-fail-429")));

    List<Document> records = usageOf(erin.keyId(), 2);

    assertEquals(2, records.size(), records.toString());
    Document ok =
        records.stream().filter(d -> d.getString("status").equals("OK")).findFirst().orElseThrow();
    Document tokens = ok.get("tokens", Document.class);
    assertEquals(12L, tokens.getLong("input"));
    assertEquals(5L, tokens.getLong("output"));
    assertEquals(4L, tokens.getLong("cachedInput"));
    assertTrue(ok.getLong("costMicros") > 0);
    assertEquals("openai", ok.getString("provider"));
    assertEquals(64, ok.getString("fingerprint").length());
    assertFalse(ok.toJson().contains("Say hello"), "no prompt text is stored");
    assertTrue(records.stream().anyMatch(d -> d.getString("status").equals("UPSTREAM_ERROR")));
  }

  @Test
  void a_client_that_disconnects_mid_stream_still_produces_a_usage_record() throws Exception {
    Tenant frank = tenant("frank", true);
    byte[] body =
        ("{\"model\":\"gpt-slow-stream\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    // A raw socket, so the disconnect is a real reset the moment the client leaves.
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", node.port())) {
      socket.setSoLinger(true, 0);
      String head =
          "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + "Authorization: Bearer "
              + frank.gatewayKey()
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + body.length
              + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      socket.getOutputStream().write(body);
      socket.getOutputStream().flush();
      String seen = "";
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[256];
      while (!seen.contains("data: ")) {
        int read = in.read(buffer);
        assertTrue(read > 0, "the first chunk arrived before the end of the answer");
        seen += new String(buffer, 0, read, java.nio.charset.StandardCharsets.UTF_8);
      }
    }

    List<Document> records = usageOf(frank.keyId(), 1);
    assertEquals(1, records.size());
    assertEquals("CLIENT_CLOSED", records.getFirst().getString("status"));
  }

  @Test
  void a_graceful_stop_writes_every_usage_record_before_the_stores_close() throws Exception {
    Node.Cluster own = Node.Cluster.fresh();
    String keyId;
    try (Node stopping =
        own.start(Map.of("KILLTOKEN_PROVIDER_OPENAI_BASE_URL", openai.baseUrl()))) {
      Browser browser = new Browser(stopping);
      browser.signUp("gina-" + UUID.randomUUID() + "@example.com", "Gina");
      JsonNode key =
          browser.post("/api/v1/keys", Map.of("name", "app", "scopes", List.of("gateway"))).json();
      browser.post(
          "/api/v1/credentials", Map.of("provider", "openai", "secret", "sk-proj-gina-000000000"));
      keyId = key.get("id").asText();
      OpenAIClient client =
          OpenAIOkHttpClient.builder()
              .apiKey(key.get("key").asText())
              .baseUrl(stopping.url("/v1"))
              .maxRetries(0)
              .build();
      for (int i = 0; i < 25; i++) {
        client.chat().completions().create(ask("gpt-4o-mini"));
      }
    }

    long stored =
        MongoFixture.shared()
            .client()
            .getDatabase(own.database())
            .getCollection("usage")
            .countDocuments(Filters.eq("apiKeyId", keyId));
    assertEquals(25, stored, "read right after the stop, without waiting");
  }

  @Test
  void the_models_list_shows_only_providers_the_tenant_holds_a_credential_for() {
    List<String> withCredential =
        sdk(alice.gatewayKey()).models().list().items().stream().map(m -> m.id()).toList();
    List<String> without =
        sdk(tenant("henry", false).gatewayKey()).models().list().items().stream()
            .map(m -> m.id())
            .toList();

    assertTrue(withCredential.contains("gpt-4o-mini"), withCredential.toString());
    assertTrue(without.isEmpty(), without.toString());
  }
}
