package io.killtoken.adapters.providers.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.NonRetriableUpstreamFailure;
import io.killtoken.domain.error.RetriableUpstreamFailure;
import io.killtoken.domain.error.UpstreamFailure;
import io.killtoken.domain.provider.ChatAnswer;
import io.killtoken.domain.provider.ChatCall;
import io.killtoken.domain.provider.EmbeddingCall;
import io.killtoken.domain.provider.ProviderSettings;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.usage.TokenUsage;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A broken timeout would otherwise hang the build on a fake that never answers.
@Timeout(10)
class GeminiChatTest {

  /** The timeouts of the tests about timeouts; every other test runs with patient ones. */
  static final Duration TIMEOUT = Duration.ofMillis(1000);

  private static final Duration PATIENT = Duration.ofSeconds(5);
  static final PlainSecret KEY = new PlainSecret("AIzaSyTenantA-own-key-0123456789abcdef");
  static final ObjectMapper JSON = new ObjectMapper();
  static final String BODY =
      """
      {"model":"gemini/gemini-2.5-flash","messages":[{"role":"user","content":"Say hello"}],\
      "temperature":0.2,"stream":false}""";

  private FakeGemini fake;
  private GeminiProvider gemini;
  private GeminiProvider impatient;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeGemini();
    gemini = provider(fake.baseUrl());
    impatient = impatient(fake.baseUrl());
  }

  @AfterEach
  void stop() {
    gemini.close();
    impatient.close();
    fake.close();
  }

  @BeforeAll
  static void warmUp() throws Exception {
    warmUpHttp();
  }

  static GeminiProvider provider(URI baseUrl) {
    return provider(baseUrl, PATIENT);
  }

  /** A provider that gives up after {@link #TIMEOUT}, for the tests about timeouts. */
  static GeminiProvider impatient(URI baseUrl) {
    return provider(baseUrl, TIMEOUT);
  }

  private static GeminiProvider provider(URI baseUrl, Duration timeouts) {
    return (GeminiProvider)
        new GeminiModule()
            .create(
                GeminiProvider.ID,
                new ProviderSettings(Optional.of(baseUrl), timeouts, timeouts, timeouts));
  }

  /**
   * One exchange with patient timeouts, so that loading the JDK HTTP client's classes in a cold JVM
   * on a busy machine is not counted against the short timeouts of the tests that follow.
   */
  static void warmUpHttp() throws Exception {
    try (FakeGemini fake = new FakeGemini();
        GeminiProvider gemini = provider(fake.baseUrl())) {
      gemini.chat(call(BODY));
    }
  }

  static ChatCall call(String body) {
    return new ChatCall("gemini-2.5-flash", body, KEY, false);
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void an_answer_becomes_an_openai_chat_completion_with_its_usage_and_finish_reason() {
    ChatAnswer answer = gemini.chat(call(BODY));

    JsonNode completion = json(answer.body());
    assertEquals("chatcmpl-fakeResponse1", completion.path("id").asText());
    assertEquals("chat.completion", completion.path("object").asText());
    assertEquals("gemini-2.5-flash", completion.path("model").asText());
    assertTrue(completion.path("created").asLong() > 1_700_000_000L);
    JsonNode choice = completion.path("choices").get(0);
    assertEquals(0, choice.path("index").asInt());
    assertEquals("assistant", choice.path("message").path("role").asText());
    assertEquals("Hello from the fake.", choice.path("message").path("content").asText());
    assertEquals("stop", choice.path("finish_reason").asText());
    // Thinking tokens are billed as output, so they are completion tokens.
    assertEquals(
        json(
            """
            {"prompt_tokens":12,"completion_tokens":28,"total_tokens":40,\
            "prompt_tokens_details":{"cached_tokens":4},\
            "completion_tokens_details":{"reasoning_tokens":23}}"""),
        completion.path("usage"));
    assertEquals(new TokenUsage(12, 28, 4), answer.usage());
    assertEquals("stop", answer.finishReason());
  }

  @Test
  void the_key_travels_only_in_the_goog_api_key_header_and_never_in_the_url() {
    gemini.chat(call(BODY));

    FakeGemini.Received request = fake.received().getFirst();
    assertEquals("/v1beta/models/gemini-2.5-flash:generateContent", request.path());
    assertNull(request.query());
    assertEquals(KEY.value(), request.apiKey());
    assertNull(request.authorization());
    assertFalse(request.uri().contains(KEY.value()));
    assertFalse(request.body().toString().contains(KEY.value()));
  }

  @Test
  void the_request_reaches_gemini_translated_into_its_own_shape() {
    String body =
        """
        {"model":"gemini-2.5-flash","messages":[
          {"role":"system","content":"Be brief."},
          {"role":"developer","content":[{"type":"text","text":"Answer in French."}]},
          {"role":"user","content":[
            {"type":"text","text":"What is in this picture?"},
            {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
            {"type":"image_url","image_url":{"url":"https://img.example.com/cat.webp?size=l"}},
            {"type":"image_url","image_url":{"url":"https://img.example.com/photo","detail":"low"}}]},
          {"role":"assistant","content":"Let me check.","tool_calls":[
            {"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"},
             "extra_content":{"google":{"thought_signature":"c2lnbmF0dXJl"}}},
            {"id":"call_b","type":"function","function":{"name":"get_time","arguments":""}}]},
          {"role":"tool","tool_call_id":"call_a","content":"{\\"temp_c\\":21}"},
          {"role":"tool","tool_call_id":"call_b","content":"14:05"},
          {"role":"user","content":"Thanks"}],
         "tools":[
          {"type":"function","function":{"name":"get_weather","description":"Weather of a city","strict":true,
           "parameters":{"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
             "properties":{"city":{"type":"string","description":"City name"},
                           "unit":{"type":["string","null"],"enum":["c","f"]}},
             "required":["city"],"additionalProperties":false}}},
          {"type":"function","function":{"name":"get_time",
           "parameters":{"type":"object","properties":{},"additionalProperties":false}}}],
         "tool_choice":"required","parallel_tool_calls":true,
         "temperature":0.2,"top_p":0.9,"max_tokens":100,"max_completion_tokens":200,"stop":"END",
         "n":1,"seed":7,"presence_penalty":0.5,"logit_bias":{"50256":-100},"user":"u-1",
         "response_format":{"type":"json_object"},"reasoning_effort":"low","stream":false}""";

    gemini.chat(call(body));

    JsonNode expected =
        json(
            """
            {"systemInstruction":{"parts":[{"text":"Be brief."},{"text":"Answer in French."}]},
             "contents":[
              {"role":"user","parts":[
                {"text":"What is in this picture?"},
                {"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}},
                {"fileData":{"mimeType":"image/webp","fileUri":"https://img.example.com/cat.webp?size=l"}},
                {"fileData":{"mimeType":"image/jpeg","fileUri":"https://img.example.com/photo"}}]},
              {"role":"model","parts":[
                {"text":"Let me check."},
                {"functionCall":{"name":"get_weather","args":{"city":"Paris"}},
                 "thoughtSignature":"c2lnbmF0dXJl"},
                {"functionCall":{"name":"get_time","args":{}}}]},
              {"role":"user","parts":[
                {"functionResponse":{"name":"get_weather","response":{"temp_c":21}}},
                {"functionResponse":{"name":"get_time","response":{"output":"14:05"}}}]},
              {"role":"user","parts":[{"text":"Thanks"}]}],
             "tools":[{"functionDeclarations":[
              {"name":"get_weather","description":"Weather of a city",
               "parameters":{"type":"object",
                 "properties":{"city":{"type":"string","description":"City name"},
                               "unit":{"type":"string","nullable":true,"enum":["c","f"]}},
                 "required":["city"]}},
              {"name":"get_time"}]}],
             "toolConfig":{"functionCallingConfig":{"mode":"ANY"}},
             "generationConfig":{"temperature":0.2,"topP":0.9,"maxOutputTokens":200,
              "candidateCount":1,"seed":7,"stopSequences":["END"],
              "responseMimeType":"application/json","thinkingConfig":{"thinkingBudget":1024}}}""");
    assertEquals(expected, fake.received().getFirst().body());
  }

  @Test
  void tool_choice_becomes_gemini_function_calling_modes() {
    String[][] cases = {
      {"\"auto\"", "{\"mode\":\"AUTO\"}"},
      {"\"none\"", "{\"mode\":\"NONE\"}"},
      {"\"required\"", "{\"mode\":\"ANY\"}"},
      {
        "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}",
        "{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"get_weather\"]}"
      },
    };
    for (String[] c : cases) {
      gemini.chat(
          call(
              """
              {"messages":[{"role":"user","content":"Weather?"}],"tool_choice":%s,
               "tools":[{"type":"function","function":{"name":"get_weather",
                 "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}"""
                  .formatted(c[0])));

      assertEquals(
          json(c[1]),
          fake.received().getLast().body().path("toolConfig").path("functionCallingConfig"),
          c[0]);
    }
  }

  @Test
  void a_json_schema_response_format_becomes_a_gemini_response_schema() {
    gemini.chat(
        call(
            """
            {"messages":[{"role":"user","content":"A person"}],
             "response_format":{"type":"json_schema","json_schema":{"name":"person","strict":true,
              "schema":{"type":"object","additionalProperties":false,
               "properties":{"name":{"type":"string"},"age":{"type":"integer"}},
               "required":["name","age"]}}}}"""));

    JsonNode config = fake.received().getFirst().body().path("generationConfig");
    assertEquals("application/json", config.path("responseMimeType").asText());
    assertEquals(
        json(
            """
            {"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},
             "required":["name","age"]}"""),
        config.path("responseSchema"));
  }

  @Test
  void a_function_call_answer_becomes_tool_calls_with_fresh_ids() {
    fake.answer(
        exchange ->
            FakeGemini.json(
                exchange,
                200,
                """
                {"candidates":[{"content":{"role":"model","parts":[
                  {"functionCall":{"name":"get_weather","args":{"city":"Paris"}},
                   "thoughtSignature":"c2lnMQ=="},
                  {"functionCall":{"name":"get_weather","args":{"city":"Rome"}}}]},
                  "finishReason":"STOP"}],
                 "usageMetadata":{"promptTokenCount":30,"candidatesTokenCount":10,
                  "totalTokenCount":40},"modelVersion":"gemini-2.5-flash"}"""));

    ChatAnswer answer = gemini.chat(call(BODY));

    JsonNode choice = json(answer.body()).path("choices").get(0);
    assertEquals("tool_calls", choice.path("finish_reason").asText());
    assertEquals("tool_calls", answer.finishReason());
    JsonNode message = choice.path("message");
    assertTrue(message.path("content").isNull());
    JsonNode calls = message.path("tool_calls");
    assertEquals(2, calls.size());
    for (JsonNode call : calls) {
      assertTrue(call.path("id").asText().matches("call_[A-Za-z0-9]{24}"), call.toString());
      assertEquals("function", call.path("type").asText());
      assertEquals("get_weather", call.path("function").path("name").asText());
    }
    assertNotEquals(calls.get(0).path("id"), calls.get(1).path("id"));
    assertEquals(
        json("{\"city\":\"Paris\"}"),
        json(calls.get(0).path("function").path("arguments").asText()));
    assertEquals(
        "c2lnMQ==",
        calls.get(0).path("extra_content").path("google").path("thought_signature").asText());
    assertTrue(calls.get(1).path("extra_content").isMissingNode());
    assertTrue(json(answer.body()).path("id").asText().startsWith("chatcmpl-"));
  }

  @Test
  void each_candidate_becomes_its_own_choice() {
    fake.answer(
        exchange ->
            FakeGemini.json(
                exchange,
                200,
                """
                {"candidates":[
                  {"content":{"role":"model","parts":[{"text":"One."}]},"finishReason":"STOP"},
                  {"content":{"role":"model","parts":[{"text":"Two, cut"}]},
                   "finishReason":"MAX_TOKENS","index":1},
                  {"finishReason":"SAFETY","index":2}],
                 "usageMetadata":{"promptTokenCount":8,"candidatesTokenCount":6,
                  "totalTokenCount":14},"modelVersion":"gemini-2.5-flash"}"""));

    ChatAnswer answer =
        gemini.chat(call("{\"messages\":[{\"role\":\"user\",\"content\":\"Count\"}],\"n\":3}"));

    assertEquals(
        3,
        fake.received().getFirst().body().path("generationConfig").path("candidateCount").asInt());
    JsonNode choices = json(answer.body()).path("choices");
    assertEquals(3, choices.size());
    assertEquals("One.", choices.get(0).path("message").path("content").asText());
    assertEquals("stop", choices.get(0).path("finish_reason").asText());
    assertEquals(1, choices.get(1).path("index").asInt());
    assertEquals("Two, cut", choices.get(1).path("message").path("content").asText());
    assertEquals("length", choices.get(1).path("finish_reason").asText());
    assertEquals(2, choices.get(2).path("index").asInt());
    assertEquals("content_filter", choices.get(2).path("finish_reason").asText());
    assertEquals(new TokenUsage(8, 6, 0), answer.usage());
  }

  @Test
  void a_prompt_gemini_blocks_is_a_final_400_that_says_why() {
    fake.answer(
        exchange ->
            FakeGemini.json(
                exchange,
                200,
                """
                {"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"},
                 "usageMetadata":{"promptTokenCount":9,"totalTokenCount":9},
                 "modelVersion":"gemini-2.5-flash"}"""));

    UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> gemini.chat(call(BODY)));

    assertInstanceOf(NonRetriableUpstreamFailure.class, failure);
    assertEquals(400, failure.status());
    assertTrue(failure.getMessage().contains("blocked the prompt"), failure.getMessage());
    assertTrue(failure.getMessage().contains("PROHIBITED_CONTENT"), failure.getMessage());
  }

  @Test
  void a_model_name_that_could_change_the_path_or_host_is_refused_before_any_call() {
    String[] names = {
      "gemini-2.5-flash/../../files",
      "../gemini-2.5-flash",
      "gemini-2.5..flash",
      "..",
      "gemini-2.5-flash:streamGenerateContent",
      "gemini-2.5-flash?key=x",
      "gemini-2.5-flash#x",
      "gemini@evil.example.com",
      "gemini-2.5-flash%2F..%2Ffiles",
      "gemini 2.5",
      "-gemini",
      "",
    };
    for (String name : names) {
      ChatCall chat = new ChatCall(name, BODY, KEY, false);
      assertThrows(InvalidRequest.class, () -> gemini.chat(chat), name);
      assertThrows(InvalidRequest.class, () -> gemini.stream(chat, json -> true), name);
      EmbeddingCall embed = new EmbeddingCall(name, "{\"input\":\"hi\"}", KEY);
      assertThrows(InvalidRequest.class, () -> gemini.embed(embed), name);
    }
    assertTrue(fake.received().isEmpty(), "a refused model name still reached Gemini");
  }

  @Test
  void a_request_gemini_cannot_express_is_a_clear_400_before_any_call() {
    String[] bodies = {
      "not json",
      "[]",
      "{\"messages\":[]}",
      "{\"messages\":[{\"role\":\"critic\",\"content\":\"Hi\"}]}",
      """
      {"messages":[{"role":"tool","tool_call_id":"call_unknown","content":"42"}]}""",
      """
      {"messages":[{"role":"user","content":[{"type":"file","file":{"file_id":"file-abc"}}]}]}""",
      """
      {"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"ftp://x/y.png"}}]}]}""",
      """
      {"messages":[{"role":"user","content":"Hi"}],"tools":[{"type":"custom","custom":{"name":"x"}}]}""",
    };
    for (String body : bodies) {
      assertThrows(InvalidRequest.class, () -> gemini.chat(call(body)), body);
    }
    assertTrue(fake.received().isEmpty());
  }

  @Test
  void an_upstream_429_is_retriable_after_the_time_it_asks_for() {
    fake.answer(
        exchange -> {
          exchange.getResponseHeaders().set("Retry-After", "7");
          FakeGemini.json(
              exchange,
              429,
              FakeGemini.error(
                  429,
                  "You exceeded your current quota, please check your plan and billing details.",
                  "RESOURCE_EXHAUSTED"));
        });

    UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> gemini.chat(call(BODY)));

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(429, failure.status());
    assertEquals(Optional.of(Duration.ofSeconds(7)), failure.retryAfter());
    assertTrue(failure.getMessage().startsWith("Gemini: You exceeded your current quota"));
  }

  @Test
  void an_upstream_503_is_retriable() {
    fake.answer(
        exchange ->
            FakeGemini.json(
                exchange,
                503,
                FakeGemini.error(
                    503, "The model is overloaded. Please try again later.", "UNAVAILABLE")));

    UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> gemini.chat(call(BODY)));

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(503, failure.status());
    assertEquals("Gemini failed with HTTP 503.", failure.getMessage());
  }

  @Test
  void an_upstream_400_is_final_and_keeps_geminis_message() {
    fake.answer(
        exchange ->
            FakeGemini.json(
                exchange,
                400,
                FakeGemini.error(
                    400, "API key not valid. Please pass a valid API key.", "INVALID_ARGUMENT")));

    UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> gemini.chat(call(BODY)));

    assertInstanceOf(NonRetriableUpstreamFailure.class, failure);
    assertEquals(400, failure.status());
    assertEquals("Gemini: API key not valid. Please pass a valid API key.", failure.getMessage());
  }

  @Test
  void an_upstream_that_never_answers_fails_retriably_after_the_first_byte_timeout() {
    fake.answer(exchange -> fake.hang());

    long started = System.nanoTime();
    UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> impatient.chat(call(BODY)));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(0, failure.status());
    assertTrue(took.compareTo(TIMEOUT.minusMillis(50)) >= 0, "took " + took);
    assertTrue(took.compareTo(TIMEOUT.multipliedBy(3)) < 0, "took " + took);
  }

  @Test
  void an_answer_whose_body_stalls_fails_after_the_idle_timeout() {
    fake.answer(
        exchange -> {
          exchange.sendResponseHeaders(200, FakeGemini.ANSWER.length());
          exchange.getResponseBody().write(FakeGemini.ANSWER.substring(0, 20).getBytes());
          exchange.getResponseBody().flush();
          fake.hang();
        });

    UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> impatient.chat(call(BODY)));

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(0, failure.status());
  }

  @Test
  void an_upstream_that_refuses_the_connection_fails_retriably_as_never_connected()
      throws Exception {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1beta");
    }
    try (GeminiProvider nowhere = provider(closed)) {
      UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> nowhere.chat(call(BODY)));

      assertInstanceOf(RetriableUpstreamFailure.class, failure);
      assertEquals(UpstreamFailure.NOT_CONNECTED, failure.status());
    }
  }

  @Test
  void a_redirect_is_not_followed_and_the_key_never_reaches_the_other_host() throws Exception {
    try (FakeGemini elsewhere = new FakeGemini()) {
      // 307 is the dangerous one: it would replay the POST, body and key included.
      for (int status : new int[] {302, 307}) {
        fake.answer(
            exchange -> {
              exchange
                  .getResponseHeaders()
                  .set(
                      "Location", elsewhere.baseUrl() + "/models/gemini-2.5-flash:generateContent");
              exchange.sendResponseHeaders(status, -1);
            });

        UpstreamFailure failure =
            assertThrows(UpstreamFailure.class, () -> gemini.chat(call(BODY)));

        assertEquals(status, failure.status());
        assertFalse(failure.getMessage().contains(elsewhere.baseUrl().toString()));
      }
      assertTrue(elsewhere.received().isEmpty(), "the redirect target was called");
    }
  }
}
