package io.killtoken.adapters.providers.anthropic;

import static io.killtoken.adapters.providers.anthropic.FakeAnthropic.MESSAGE_STOP;
import static io.killtoken.adapters.providers.anthropic.FakeAnthropic.PING;
import static io.killtoken.adapters.providers.anthropic.FakeAnthropic.blockStop;
import static io.killtoken.adapters.providers.anthropic.FakeAnthropic.jsonDelta;
import static io.killtoken.adapters.providers.anthropic.FakeAnthropic.messageDelta;
import static io.killtoken.adapters.providers.anthropic.FakeAnthropic.messageStart;
import static io.killtoken.adapters.providers.anthropic.FakeAnthropic.textDelta;
import static io.killtoken.adapters.providers.anthropic.FakeAnthropic.textStart;
import static io.killtoken.adapters.providers.anthropic.FakeAnthropic.toolStart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.error.NonRetriableUpstreamFailure;
import io.killtoken.domain.error.RetriableUpstreamFailure;
import io.killtoken.domain.error.UpstreamFailure;
import io.killtoken.domain.provider.ChatCall;
import io.killtoken.domain.provider.ChunkSink;
import io.killtoken.domain.provider.StreamOutcome;
import io.killtoken.domain.usage.TokenUsage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A broken timeout would otherwise hang the build on a fake that never answers.
@Timeout(10)
class AnthropicStreamTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BODY =
      """
      {"model":"claude-sonnet-4-5","messages":[{"role":"system","content":"Be brief."},\
      {"role":"user","content":[{"type":"text","text":"Say hello"}]}],\
      "stream":true,"stream_options":{"include_usage":true}}""";

  private FakeAnthropic fake;
  private AnthropicProvider anthropic;
  private final List<String> relayed = new CopyOnWriteArrayList<>();
  private final ChunkSink sink = json -> relayed.add(json);

  @BeforeEach
  void start() throws Exception {
    fake = new FakeAnthropic();
    anthropic = AnthropicChatTest.provider(fake.baseUrl());
  }

  @AfterEach
  void stop() {
    anthropic.close();
    fake.close();
  }

  private static ChatCall call(boolean includeUsage) {
    return new ChatCall("claude-sonnet-4-5", BODY, AnthropicChatTest.KEY, includeUsage);
  }

  private void answerWithTextStream() {
    fake.answer(
        exchange -> {
          FakeAnthropic.Sse sse = FakeAnthropic.sse(exchange);
          sse.event(messageStart(10, 4, 3));
          sse.event(textStart(0));
          sse.event(PING);
          sse.event(textDelta(0, "Hel"));
          sse.event(textDelta(0, "lo!"));
          sse.event(blockStop(0));
          sse.event(messageDelta("end_turn", 6));
          sse.event(MESSAGE_STOP);
        });
  }

  @Test
  void text_chunks_reach_the_sink_before_the_upstream_sends_the_next_one() {
    CountDownLatch firstText = new CountDownLatch(1);
    AtomicBoolean streamed = new AtomicBoolean();
    fake.answer(
        exchange -> {
          FakeAnthropic.Sse sse = FakeAnthropic.sse(exchange);
          sse.event(messageStart(10, 4, 3));
          sse.event(textStart(0));
          sse.event(textDelta(0, "Hel"));
          // The rest only follows once the first text has reached the client's sink.
          streamed.set(firstText.await(2, TimeUnit.SECONDS));
          sse.event(textDelta(0, "lo!"));
          sse.event(blockStop(0));
          sse.event(messageDelta("end_turn", 6));
          sse.event(MESSAGE_STOP);
        });

    StreamOutcome outcome =
        anthropic.stream(
            call(true),
            json -> {
              relayed.add(json);
              if (json.contains("Hel")) {
                firstText.countDown();
              }
              return true;
            });

    assertTrue(streamed.get(), "the first text was held back until the stream went on");
    assertEquals(
        List.of("role", "content:Hel", "content:lo!", "finish:stop", "usage:17/6/4"),
        described(relayed));
    assertEquals(new StreamOutcome(new TokenUsage(17, 6, 4), false, false, "stop"), outcome);
  }

  @Test
  void every_chunk_is_an_openai_chat_completion_chunk_of_the_same_answer() throws Exception {
    answerWithTextStream();

    anthropic.stream(call(true), sink);

    long created = JSON.readTree(relayed.getFirst()).path("created").asLong();
    assertTrue(created > 1_700_000_000L);
    for (String json : relayed) {
      JsonNode chunk = JSON.readTree(json);
      assertEquals("msg_01Stream", chunk.path("id").asText());
      assertEquals("chat.completion.chunk", chunk.path("object").asText());
      assertEquals(created, chunk.path("created").asLong());
      assertEquals("claude-sonnet-4-5-20250929", chunk.path("model").asText());
    }
    assertEquals(
        JSON.readTree(
            """
            [{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,\
            "finish_reason":null}]"""),
        JSON.readTree(relayed.getFirst()).path("choices"));
    assertEquals(
        JSON.readTree(
            """
            {"choices":[],"usage":{"prompt_tokens":17,"completion_tokens":6,"total_tokens":23,\
            "prompt_tokens_details":{"cached_tokens":4}}}"""),
        withoutEnvelope(relayed.getLast()));
  }

  @Test
  void the_usage_chunk_is_withheld_when_the_client_did_not_ask_but_still_counted() {
    answerWithTextStream();

    StreamOutcome outcome = anthropic.stream(call(false), sink);

    assertEquals(List.of("role", "content:Hel", "content:lo!", "finish:stop"), described(relayed));
    assertEquals(new TokenUsage(17, 6, 4), outcome.usage());
    assertFalse(outcome.estimated());
  }

  @Test
  void tool_use_blocks_stream_as_openai_tool_call_deltas_numbered_by_tool() {
    fake.answer(
        exchange -> {
          FakeAnthropic.Sse sse = FakeAnthropic.sse(exchange);
          sse.event(messageStart(50, 0, 0));
          sse.event(textStart(0));
          sse.event(textDelta(0, "Checking."));
          sse.event(blockStop(0));
          sse.event(toolStart(1, "toolu_01A", "get_weather"));
          sse.event(jsonDelta(1, ""));
          sse.event(jsonDelta(1, "{\\\"city\\\": "));
          sse.event(jsonDelta(1, "\\\"Paris\\\"}"));
          sse.event(blockStop(1));
          sse.event(toolStart(2, "toolu_01B", "get_time"));
          sse.event(jsonDelta(2, "{}"));
          sse.event(blockStop(2));
          sse.event(messageDelta("tool_use", 40));
          sse.event(MESSAGE_STOP);
        });

    StreamOutcome outcome = anthropic.stream(call(true), sink);

    assertEquals(
        List.of(
            "role",
            "content:Checking.",
            "tool:0:toolu_01A:get_weather",
            "args:0:{\"city\": ",
            "args:0:\"Paris\"}",
            "tool:1:toolu_01B:get_time",
            "args:1:{}",
            "finish:tool_calls",
            "usage:50/40/0"),
        described(relayed));
    assertEquals(new StreamOutcome(new TokenUsage(50, 40, 0), false, false, "tool_calls"), outcome);
  }

  @Test
  void a_tool_call_opens_with_its_id_name_type_and_empty_arguments() throws Exception {
    fake.answer(
        exchange -> {
          FakeAnthropic.Sse sse = FakeAnthropic.sse(exchange);
          sse.event(messageStart(50, 0, 0));
          sse.event(toolStart(0, "toolu_01A", "get_weather"));
          sse.event(jsonDelta(0, "{}"));
          sse.event(blockStop(0));
          sse.event(messageDelta("tool_use", 10));
          sse.event(MESSAGE_STOP);
        });

    anthropic.stream(call(false), sink);

    assertEquals(
        JSON.readTree(
            """
            {"tool_calls":[{"index":0,"id":"toolu_01A","type":"function",\
            "function":{"name":"get_weather","arguments":""}}]}"""),
        JSON.readTree(relayed.get(1)).path("choices").path(0).path("delta"));
  }

  @Test
  void a_stream_without_usage_is_counted_and_marked_estimated() {
    fake.answer(
        exchange -> {
          FakeAnthropic.Sse sse = FakeAnthropic.sse(exchange);
          sse.event(FakeAnthropic.messageStartWithoutUsage());
          sse.event(textStart(0));
          sse.event(textDelta(0, "Hello there"));
          sse.event(textDelta(0, ", friend!"));
          sse.event(blockStop(0));
          sse.event(FakeAnthropic.messageDeltaWithoutUsage("max_tokens"));
          sse.event(MESSAGE_STOP);
        });

    StreamOutcome outcome = anthropic.stream(call(true), sink);

    // Prompt: "Be brief." + "Say hello" = 18 chars → 5 tokens; answer: 20 chars → 5 tokens.
    assertEquals(new StreamOutcome(new TokenUsage(5, 5, 0), true, false, "length"), outcome);
    assertEquals(
        List.of("role", "content:Hello there", "content:, friend!", "finish:length"),
        described(relayed),
        "an estimate is for accounting; the client gets no made-up usage chunk");
  }

  @Test
  void a_client_that_leaves_closes_the_upstream_and_keeps_the_tokens_so_far() {
    CountDownLatch upstreamClosed = new CountDownLatch(1);
    fake.answer(
        exchange -> {
          FakeAnthropic.Sse sse = FakeAnthropic.sse(exchange);
          try {
            sse.event(messageStart(25, 0, 0));
            sse.event(textStart(0));
            for (int i = 0; i < 300; i++) {
              sse.event(textDelta(0, "token " + i + " " + "x".repeat(512)));
              Thread.sleep(10);
            }
          } catch (IOException writeFailed) {
            upstreamClosed.countDown();
          }
        });
    AtomicInteger accepted = new AtomicInteger();

    long started = System.nanoTime();
    StreamOutcome outcome = anthropic.stream(call(true), json -> accepted.incrementAndGet() <= 2);

    assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 2000);
    assertTrue(outcome.clientClosed());
    assertEquals(3, accepted.get(), "nothing more was offered once the client had gone");
    assertTrue(outcome.estimated(), "the output count is only known at the end");
    assertEquals(25, outcome.usage().input(), "the prompt count Anthropic sent is kept");
    assertTrue(outcome.usage().output() > 0);
    assertEquals(AnthropicWire.UNKNOWN_FINISH, outcome.finishReason());
    assertTrue(
        await(upstreamClosed), "the fake Anthropic could still write: the upstream stayed open");
  }

  @Test
  void a_stream_that_stalls_midway_fails_after_the_idle_timeout() {
    fake.answer(
        exchange -> {
          FakeAnthropic.Sse sse = FakeAnthropic.sse(exchange);
          sse.event(messageStart(10, 0, 0));
          sse.event(textStart(0));
          sse.event(textDelta(0, "Hel"));
          fake.hang();
        });

    long started = System.nanoTime();
    UpstreamFailure failure =
        assertThrows(UpstreamFailure.class, () -> anthropic.stream(call(true), sink));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(0, failure.status());
    assertEquals(List.of("role", "content:Hel"), described(relayed));
    assertTrue(took.compareTo(AnthropicChatTest.TIMEOUT.minusMillis(50)) >= 0, "took " + took);
    assertTrue(took.compareTo(AnthropicChatTest.TIMEOUT.multipliedBy(3)) < 0, "took " + took);
  }

  @Test
  void a_stream_may_last_longer_than_the_first_byte_timeout_while_events_keep_coming() {
    fake.answer(
        exchange -> {
          FakeAnthropic.Sse sse = FakeAnthropic.sse(exchange);
          sse.event(messageStart(10, 0, 0));
          sse.event(textStart(0));
          for (int i = 0; i < 6; i++) {
            sse.event(i % 2 == 0 ? textDelta(0, "tick ") : PING);
            Thread.sleep(AnthropicChatTest.TIMEOUT.toMillis() / 3);
          }
          sse.event(messageDelta("end_turn", 3));
          sse.event(MESSAGE_STOP);
        });

    StreamOutcome outcome = anthropic.stream(call(true), sink);

    assertEquals("stop", outcome.finishReason());
    assertEquals(
        List.of(
            "role",
            "content:tick ",
            "content:tick ",
            "content:tick ",
            "finish:stop",
            "usage:10/3/0"),
        described(relayed));
  }

  @Test
  void a_stream_that_never_starts_fails_retriably_with_no_status() {
    fake.answer(exchange -> fake.hang());

    UpstreamFailure failure =
        assertThrows(UpstreamFailure.class, () -> anthropic.stream(call(true), sink));

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(0, failure.status());
    assertTrue(relayed.isEmpty());
  }

  @Test
  void an_error_answer_to_a_stream_request_is_mapped_before_anything_is_relayed() {
    fake.answer(
        exchange -> {
          exchange.getResponseHeaders().set("retry-after", "7");
          FakeAnthropic.json(
              exchange, 429, FakeAnthropic.error("rate_limit_error", "Rate limit reached"));
        });

    UpstreamFailure failure =
        assertThrows(UpstreamFailure.class, () -> anthropic.stream(call(true), sink));

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(429, failure.status());
    assertEquals(Optional.of(Duration.ofSeconds(7)), failure.retryAfter());
    assertTrue(relayed.isEmpty());
  }

  @Test
  void an_error_event_before_any_content_fails_the_call_with_nothing_relayed() {
    fake.answer(
        exchange -> {
          FakeAnthropic.Sse sse = FakeAnthropic.sse(exchange);
          sse.event(messageStart(10, 0, 0));
          sse.event(PING);
          sse.event(FakeAnthropic.error("overloaded_error", "Overloaded"));
        });

    UpstreamFailure failure =
        assertThrows(UpstreamFailure.class, () -> anthropic.stream(call(true), sink));

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(529, failure.status());
    assertEquals("Anthropic: Overloaded", failure.getMessage());
    assertTrue(relayed.isEmpty(), "the client can still get a proper error status");
  }

  @Test
  void an_error_event_inside_the_stream_ends_it_as_an_upstream_failure() {
    fake.answer(
        exchange -> {
          FakeAnthropic.Sse sse = FakeAnthropic.sse(exchange);
          sse.event(messageStart(10, 0, 0));
          sse.event(textStart(0));
          sse.event(textDelta(0, "Hel"));
          sse.event(FakeAnthropic.error("api_error", "Internal server error"));
          sse.event(textDelta(0, "never read"));
        });

    UpstreamFailure failure =
        assertThrows(UpstreamFailure.class, () -> anthropic.stream(call(true), sink));

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(500, failure.status());
    assertEquals("Anthropic: Internal server error", failure.getMessage());
    assertEquals(List.of("role", "content:Hel"), described(relayed));
  }

  @Test
  void an_error_event_about_the_request_itself_is_final() {
    fake.answer(
        exchange -> {
          FakeAnthropic.Sse sse = FakeAnthropic.sse(exchange);
          sse.event(FakeAnthropic.error("invalid_request_error", "prompt is too long"));
        });

    UpstreamFailure failure =
        assertThrows(UpstreamFailure.class, () -> anthropic.stream(call(true), sink));

    assertInstanceOf(NonRetriableUpstreamFailure.class, failure);
    assertEquals(400, failure.status());
  }

  @Test
  void a_stream_cut_off_before_it_finished_is_an_upstream_failure() {
    fake.answer(
        exchange -> {
          FakeAnthropic.Sse sse = FakeAnthropic.sse(exchange);
          sse.event(messageStart(10, 0, 0));
          sse.event(textStart(0));
          sse.event(textDelta(0, "Hel"));
        });

    UpstreamFailure failure =
        assertThrows(UpstreamFailure.class, () -> anthropic.stream(call(true), sink));

    assertEquals(0, failure.status());
  }

  @Test
  void a_finished_stream_without_message_stop_still_ends_normally() {
    fake.answer(
        exchange -> {
          FakeAnthropic.Sse sse = FakeAnthropic.sse(exchange);
          sse.raw(": proxy keep-alive\n\n");
          sse.event(messageStart(10, 0, 0));
          sse.event(textStart(0));
          sse.event(textDelta(0, "Hi"));
          sse.event(messageDelta("stop_sequence", 1));
        });

    StreamOutcome outcome = anthropic.stream(call(true), sink);

    assertEquals(new StreamOutcome(new TokenUsage(10, 1, 0), false, false, "stop"), outcome);
    assertEquals(List.of("role", "content:Hi", "finish:stop", "usage:10/1/0"), described(relayed));
  }

  /** Each chunk in a few words, so a test reads as the order the client sees. */
  private static List<String> described(List<String> chunks) {
    return chunks.stream().map(AnthropicStreamTest::describe).toList();
  }

  private static String describe(String json) {
    JsonNode chunk;
    try {
      chunk = JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
    if (chunk.path("choices").isEmpty()) {
      JsonNode usage = chunk.path("usage");
      return "usage:"
          + usage.path("prompt_tokens").asInt()
          + "/"
          + usage.path("completion_tokens").asInt()
          + "/"
          + usage.path("prompt_tokens_details").path("cached_tokens").asInt();
    }
    JsonNode choice = chunk.path("choices").path(0);
    JsonNode delta = choice.path("delta");
    if (choice.path("finish_reason").isTextual()) {
      return "finish:" + choice.path("finish_reason").asText();
    }
    if (delta.has("role")) {
      return "role";
    }
    if (delta.has("tool_calls")) {
      JsonNode call = delta.path("tool_calls").path(0);
      return call.has("id")
          ? "tool:"
              + call.path("index").asInt()
              + ":"
              + call.path("id").asText()
              + ":"
              + call.path("function").path("name").asText()
          : "args:"
              + call.path("index").asInt()
              + ":"
              + call.path("function").path("arguments").asText();
    }
    return "content:" + delta.path("content").asText();
  }

  private static JsonNode withoutEnvelope(String json) throws IOException {
    ObjectNode chunk = (ObjectNode) JSON.readTree(json);
    chunk.remove(List.of("id", "object", "created", "model"));
    return chunk;
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(3, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
