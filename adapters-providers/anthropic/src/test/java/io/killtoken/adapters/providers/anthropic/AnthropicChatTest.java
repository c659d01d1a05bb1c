package io.killtoken.adapters.providers.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import io.killtoken.domain.provider.ProviderSettings;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.usage.TokenUsage;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A broken timeout would otherwise hang the build on a fake that never answers.
@Timeout(10)
class AnthropicChatTest {

  static final Duration TIMEOUT = Duration.ofMillis(1000);
  static final PlainSecret KEY = new PlainSecret("sk-ant-api03-tenant-a-own-key-0123456789");
  static final String BODY =
      """
      {"model":"anthropic/claude-sonnet-4-5","messages":[{"role":"user","content":"Say hello"}],\
      "temperature":0.2,"stream":false}""";

  private static final ObjectMapper JSON = new ObjectMapper();

  private FakeAnthropic fake;
  private AnthropicProvider anthropic;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeAnthropic();
    anthropic = provider(fake.baseUrl());
  }

  @AfterEach
  void stop() {
    anthropic.close();
    fake.close();
  }

  static AnthropicProvider provider(URI baseUrl) {
    return (AnthropicProvider)
        new AnthropicModule()
            .create(
                AnthropicProvider.ID,
                new ProviderSettings(Optional.of(baseUrl), TIMEOUT, TIMEOUT, TIMEOUT));
  }

  static ChatCall call(String body) {
    return new ChatCall("claude-sonnet-4-5", body, KEY, false);
  }

  @Test
  void a_text_answer_becomes_an_openai_chat_completion() throws Exception {
    ChatAnswer answer = anthropic.chat(call(BODY));

    JsonNode body = JSON.readTree(answer.body());
    assertEquals("msg_01Fake", body.path("id").asText());
    assertEquals("chat.completion", body.path("object").asText());
    assertEquals("claude-sonnet-4-5-20250929", body.path("model").asText());
    assertTrue(body.path("created").asLong() > 1_700_000_000L);
    assertEquals(1, body.path("choices").size());
    JsonNode choice = body.path("choices").path(0);
    assertEquals(0, choice.path("index").asInt());
    assertEquals("assistant", choice.path("message").path("role").asText());
    assertEquals("Hello from the fake.", choice.path("message").path("content").asText());
    assertFalse(choice.path("message").has("tool_calls"));
    assertEquals("stop", choice.path("finish_reason").asText());
  }

  @Test
  void usage_counts_cache_reads_and_writes_as_prompt_tokens_and_reads_as_cached() throws Exception {
    ChatAnswer answer = anthropic.chat(call(BODY));

    // input 10 + cache read 4 + cache write 3 = 17 prompt tokens, 4 of them cached.
    assertEquals(new TokenUsage(17, 5, 4), answer.usage());
    assertEquals("stop", answer.finishReason());
    JsonNode usage = JSON.readTree(answer.body()).path("usage");
    assertEquals(17, usage.path("prompt_tokens").asInt());
    assertEquals(5, usage.path("completion_tokens").asInt());
    assertEquals(22, usage.path("total_tokens").asInt());
    assertEquals(4, usage.path("prompt_tokens_details").path("cached_tokens").asInt());
  }

  @Test
  void the_upstream_receives_exactly_the_key_of_the_call_in_x_api_key_and_the_pinned_version() {
    anthropic.chat(call(BODY));

    FakeAnthropic.Received request = fake.received().getFirst();
    assertEquals("/v1/messages", request.path());
    assertEquals(KEY.value(), request.apiKey());
    assertEquals("2023-06-01", request.version());
    assertNull(request.authorization(), "the key travels in x-api-key only");
    assertEquals("claude-sonnet-4-5", request.body().path("model").asText());
    assertEquals(0.2, request.body().path("temperature").asDouble());
    assertTrue(request.body().path("stream").isMissingNode());
  }

  @Test
  void tool_use_blocks_become_tool_calls_with_their_input_as_a_json_string() throws Exception {
    fake.answer(exchange -> FakeAnthropic.json(exchange, 200, FakeAnthropic.TOOL_USE));

    ChatAnswer answer = anthropic.chat(call(BODY));

    assertEquals("tool_calls", answer.finishReason());
    JsonNode message = JSON.readTree(answer.body()).path("choices").path(0).path("message");
    assertEquals("Let me check.", message.path("content").asText());
    JsonNode calls = message.path("tool_calls");
    assertEquals(2, calls.size());
    assertEquals("toolu_01A", calls.path(0).path("id").asText());
    assertEquals("function", calls.path(0).path("type").asText());
    assertEquals("get_weather", calls.path(0).path("function").path("name").asText());
    String arguments = calls.path(0).path("function").path("arguments").asText();
    assertEquals(JSON.readTree("{\"city\":\"Paris\",\"days\":2}"), JSON.readTree(arguments));
    assertEquals("{}", calls.path(1).path("function").path("arguments").asText());
  }

  @Test
  void an_answer_with_only_tool_calls_has_null_content_as_openai_does() throws Exception {
    fake.answer(
        exchange ->
            FakeAnthropic.json(
                exchange,
                200,
                FakeAnthropic.TOOL_USE.replace(
                    "{\"type\":\"text\",\"text\":\"Let me check.\"},", "")));

    ChatAnswer answer = anthropic.chat(call(BODY));

    JsonNode message = JSON.readTree(answer.body()).path("choices").path(0).path("message");
    assertTrue(message.path("content").isNull());
    assertEquals(2, message.path("tool_calls").size());
  }

  @Test
  void stop_reasons_become_openai_finish_reasons() {
    for (String[] pair :
        new String[][] {
          {"end_turn", "stop"},
          {"stop_sequence", "stop"},
          {"max_tokens", "length"},
          {"tool_use", "tool_calls"},
          {"refusal", "content_filter"}
        }) {
      fake.answer(
          exchange ->
              FakeAnthropic.json(
                  exchange,
                  200,
                  FakeAnthropic.MESSAGE.replace("\"end_turn\"", "\"" + pair[0] + "\"")));

      assertEquals(pair[1], anthropic.chat(call(BODY)).finishReason(), pair[0]);
    }
  }

  @Test
  void a_request_anthropic_cannot_express_is_refused_before_any_call() {
    String twoChoices =
        """
        {"model":"claude-sonnet-4-5","n":2,"messages":[{"role":"user","content":"Hi"}]}""";

    InvalidRequest refused =
        assertThrows(InvalidRequest.class, () -> anthropic.chat(call(twoChoices)));

    assertTrue(refused.getMessage().contains("'n' must be 1"), refused.getMessage());
    assertTrue(fake.received().isEmpty());
  }

  @Test
  void an_upstream_401_is_final_and_keeps_anthropics_message_without_the_key() {
    fake.answer(
        exchange ->
            FakeAnthropic.json(
                exchange,
                401,
                FakeAnthropic.error(
                    "authentication_error", "invalid x-api-key: " + KEY.value() + ".")));

    UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> anthropic.chat(call(BODY)));

    assertInstanceOf(NonRetriableUpstreamFailure.class, failure);
    assertEquals(401, failure.status());
    assertTrue(failure.getMessage().contains("invalid x-api-key"), failure.getMessage());
    assertFalse(failure.getMessage().contains(KEY.value()), failure.getMessage());
    assertFalse(failure.getMessage().contains("tenant-a-own-key"), failure.getMessage());
  }

  @Test
  void an_upstream_429_is_retriable_after_the_time_it_asks_for() {
    fake.answer(
        exchange -> {
          exchange.getResponseHeaders().set("retry-after", "7");
          FakeAnthropic.json(
              exchange,
              429,
              FakeAnthropic.error(
                  "rate_limit_error", "Number of request tokens has exceeded your rate limit."));
        });

    UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> anthropic.chat(call(BODY)));

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(429, failure.status());
    assertEquals(Optional.of(Duration.ofSeconds(7)), failure.retryAfter());
  }

  @Test
  void an_overloaded_529_is_retriable_and_keeps_its_status() {
    fake.answer(
        exchange ->
            FakeAnthropic.json(
                exchange, 529, FakeAnthropic.error("overloaded_error", "Overloaded")));

    UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> anthropic.chat(call(BODY)));

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(529, failure.status());
    assertEquals("Anthropic failed with HTTP 529.", failure.getMessage());
  }

  @Test
  void an_upstream_400_is_final_and_passes_anthropics_reason_on() {
    fake.answer(
        exchange ->
            FakeAnthropic.json(
                exchange,
                400,
                FakeAnthropic.error("invalid_request_error", "temperature: range: 0..1")));

    UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> anthropic.chat(call(BODY)));

    assertInstanceOf(NonRetriableUpstreamFailure.class, failure);
    assertEquals(400, failure.status());
    assertEquals("Anthropic: temperature: range: 0..1", failure.getMessage());
  }

  @Test
  void an_upstream_that_never_answers_fails_retriably_after_the_first_byte_timeout() {
    fake.answer(exchange -> fake.hang());

    long started = System.nanoTime();
    UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> anthropic.chat(call(BODY)));
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
          exchange.sendResponseHeaders(200, FakeAnthropic.MESSAGE.length());
          exchange.getResponseBody().write(FakeAnthropic.MESSAGE.substring(0, 20).getBytes());
          exchange.getResponseBody().flush();
          fake.hang();
        });

    UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> anthropic.chat(call(BODY)));

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(0, failure.status());
  }

  @Test
  void an_upstream_that_refuses_the_connection_fails_retriably_as_never_connected()
      throws Exception {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1");
    }
    try (AnthropicProvider nowhere = provider(closed)) {
      UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> nowhere.chat(call(BODY)));

      assertInstanceOf(RetriableUpstreamFailure.class, failure);
      assertEquals(UpstreamFailure.NOT_CONNECTED, failure.status());
    }
  }

  @Test
  void a_redirect_is_not_followed_and_the_key_never_reaches_the_other_host() throws Exception {
    try (FakeAnthropic elsewhere = new FakeAnthropic()) {
      // 307 is the dangerous one: it would replay the POST, body and key included.
      for (int status : new int[] {302, 307}) {
        fake.answer(
            exchange -> {
              exchange.getResponseHeaders().set("Location", elsewhere.baseUrl() + "/messages");
              exchange.sendResponseHeaders(status, -1);
            });

        UpstreamFailure failure =
            assertThrows(UpstreamFailure.class, () -> anthropic.chat(call(BODY)));

        assertEquals(status, failure.status());
        assertFalse(failure.getMessage().contains(elsewhere.baseUrl().toString()));
      }
      assertTrue(elsewhere.received().isEmpty(), "the redirect target was called");
    }
  }

  @Test
  void a_key_that_is_not_a_header_value_is_refused_without_quoting_it() {
    ChatCall bad =
        new ChatCall("claude-sonnet-4-5", BODY, new PlainSecret("sk-ant-x\r\nEvil: 1"), false);

    InvalidRequest refused = assertThrows(InvalidRequest.class, () -> anthropic.chat(bad));

    assertFalse(refused.getMessage().contains("sk-ant-x"), refused.getMessage());
    assertTrue(fake.received().isEmpty());
  }
}
