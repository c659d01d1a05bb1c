package io.killtoken.adapters.providers.gemini;

import static io.killtoken.adapters.providers.gemini.FakeGemini.bareEvent;
import static io.killtoken.adapters.providers.gemini.FakeGemini.lastEvent;
import static io.killtoken.adapters.providers.gemini.FakeGemini.textEvent;
import static io.killtoken.adapters.providers.gemini.GeminiChatTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A broken timeout would otherwise hang the build on a fake that never answers.
@Timeout(10)
class GeminiStreamTest {

  private static final String BODY =
      """
      {"model":"gemini-2.5-flash","messages":[{"role":"system","content":"Be brief."},\
      {"role":"user","content":[{"type":"text","text":"Say hello"}]}],\
      "stream":true,"stream_options":{"include_usage":true}}""";

  private FakeGemini fake;
  private GeminiProvider gemini;
  private GeminiProvider impatient;
  private final List<String> relayed = new CopyOnWriteArrayList<>();
  private final ChunkSink sink = json -> relayed.add(json);

  @BeforeAll
  static void warmUp() throws Exception {
    GeminiChatTest.warmUpHttp();
  }

  @BeforeEach
  void start() throws Exception {
    fake = new FakeGemini();
    gemini = GeminiChatTest.provider(fake.baseUrl());
    impatient = GeminiChatTest.impatient(fake.baseUrl());
  }

  @AfterEach
  void stop() {
    gemini.close();
    impatient.close();
    fake.close();
  }

  private static ChatCall call(boolean includeUsage) {
    return new ChatCall("gemini-2.5-flash", BODY, GeminiChatTest.KEY, includeUsage);
  }

  private void answerWithFullStream() {
    fake.answer(
        exchange -> {
          FakeGemini.Sse sse = FakeGemini.sse(exchange);
          sse.data(textEvent("Hel", 1));
          sse.data(lastEvent("lo!", "STOP", 2, 7));
        });
  }

  private List<JsonNode> chunks() {
    return relayed.stream().map(GeminiChatTest::json).toList();
  }

  private static JsonNode delta(JsonNode chunk) {
    return chunk.path("choices").get(0).path("delta");
  }

  private static String finish(JsonNode chunk) {
    return chunk.path("choices").get(0).path("finish_reason").asText(null);
  }

  @Test
  void each_gemini_event_reaches_the_sink_as_openai_chunks_before_the_next_one_is_sent() {
    CountDownLatch firstRelayed = new CountDownLatch(1);
    AtomicBoolean streamed = new AtomicBoolean();
    fake.answer(
        exchange -> {
          FakeGemini.Sse sse = FakeGemini.sse(exchange);
          sse.data(textEvent("Hel", 1));
          // The rest only follows once the first chunk has reached the client's sink.
          streamed.set(firstRelayed.await(2, TimeUnit.SECONDS));
          sse.data(lastEvent("lo!", "STOP", 2, 7));
        });

    StreamOutcome outcome =
        gemini.stream(
            call(true),
            json -> {
              relayed.add(json);
              firstRelayed.countDown();
              return true;
            });

    assertTrue(streamed.get(), "the first chunk was held back until the stream went on");
    List<JsonNode> chunks = chunks();
    assertEquals(4, chunks.size(), relayed.toString());
    for (JsonNode chunk : chunks) {
      assertEquals("chat.completion.chunk", chunk.path("object").asText());
      assertEquals("chatcmpl-fakeStream1", chunk.path("id").asText());
      assertEquals("gemini-2.5-flash", chunk.path("model").asText());
    }
    assertEquals(json("{\"role\":\"assistant\",\"content\":\"Hel\"}"), delta(chunks.get(0)));
    assertEquals(json("{\"content\":\"lo!\"}"), delta(chunks.get(1)));
    assertEquals(json("{}"), delta(chunks.get(2)));
    assertEquals("stop", finish(chunks.get(2)));
    assertTrue(chunks.get(3).path("choices").isArray());
    assertTrue(chunks.get(3).path("choices").isEmpty());
    assertEquals(
        json(
            """
            {"prompt_tokens":12,"completion_tokens":9,"total_tokens":21,\
            "prompt_tokens_details":{"cached_tokens":4},\
            "completion_tokens_details":{"reasoning_tokens":7}}"""),
        chunks.get(3).path("usage"));
    assertEquals(new StreamOutcome(new TokenUsage(12, 9, 4), false, false, "stop"), outcome);
  }

  @Test
  void the_stream_asks_for_sse_as_the_only_query_and_sends_the_key_in_the_header() {
    answerWithFullStream();

    gemini.stream(call(false), sink);

    FakeGemini.Received request = fake.received().getFirst();
    assertEquals("/v1beta/models/gemini-2.5-flash:streamGenerateContent", request.path());
    assertEquals("alt=sse", request.query());
    assertEquals(GeminiChatTest.KEY.value(), request.apiKey());
    assertFalse(request.uri().contains(GeminiChatTest.KEY.value()));
    assertEquals(
        "Be brief.",
        request.body().path("systemInstruction").path("parts").get(0).path("text").asText());
    assertFalse(request.body().has("stream"));
  }

  @Test
  void the_usage_chunk_is_withheld_when_the_client_did_not_ask_but_still_counted() {
    answerWithFullStream();

    StreamOutcome outcome = gemini.stream(call(false), sink);

    assertEquals(3, relayed.size());
    assertTrue(chunks().stream().noneMatch(chunk -> chunk.has("usage")));
    assertEquals(new TokenUsage(12, 9, 4), outcome.usage());
    assertFalse(outcome.estimated());
  }

  @Test
  void a_streamed_function_call_becomes_tool_call_deltas_and_a_tool_calls_finish() {
    fake.answer(
        exchange -> {
          FakeGemini.Sse sse = FakeGemini.sse(exchange);
          sse.data(
              """
              {"candidates":[{"content":{"role":"model","parts":[
                {"functionCall":{"name":"get_weather","args":{"city":"Paris"}},
                 "thoughtSignature":"c2ln"}]},"index":0}],
               "usageMetadata":{"promptTokenCount":20,"candidatesTokenCount":5,
                "totalTokenCount":25},"modelVersion":"gemini-2.5-flash"}""");
          sse.data(
              """
              {"candidates":[{"content":{"role":"model","parts":[
                {"functionCall":{"name":"get_time","args":{}}}]},
                "finishReason":"STOP","index":0}],
               "usageMetadata":{"promptTokenCount":20,"candidatesTokenCount":9,
                "totalTokenCount":29},"modelVersion":"gemini-2.5-flash"}""");
        });

    StreamOutcome outcome = gemini.stream(call(false), sink);

    List<JsonNode> chunks = chunks();
    assertEquals(3, chunks.size(), relayed.toString());
    JsonNode first = delta(chunks.get(0));
    assertEquals("assistant", first.path("role").asText());
    assertFalse(first.has("content"));
    JsonNode weather = first.path("tool_calls").get(0);
    assertEquals(0, weather.path("index").asInt());
    assertTrue(weather.path("id").asText().startsWith("call_"));
    assertEquals("function", weather.path("type").asText());
    assertEquals("get_weather", weather.path("function").path("name").asText());
    assertEquals(
        json("{\"city\":\"Paris\"}"), json(weather.path("function").path("arguments").asText()));
    assertEquals(
        "c2ln", weather.path("extra_content").path("google").path("thought_signature").asText());
    JsonNode time = delta(chunks.get(1)).path("tool_calls").get(0);
    assertEquals(1, time.path("index").asInt(), "tool call indexes run on across events");
    assertEquals("get_time", time.path("function").path("name").asText());
    assertEquals("tool_calls", finish(chunks.get(2)));
    assertEquals(new StreamOutcome(new TokenUsage(20, 9, 0), false, false, "tool_calls"), outcome);
  }

  @Test
  void a_stream_without_usage_is_counted_and_marked_estimated() {
    fake.answer(
        exchange -> {
          FakeGemini.Sse sse = FakeGemini.sse(exchange);
          sse.data(bareEvent("Hello there", null));
          sse.data(bareEvent(", friend!", "MAX_TOKENS"));
        });

    StreamOutcome outcome = gemini.stream(call(true), sink);

    // Prompt: "Be brief." + "Say hello" = 18 chars → 5 tokens; answer: 20 chars → 5 tokens.
    assertEquals(new StreamOutcome(new TokenUsage(5, 5, 0), true, false, "length"), outcome);
    assertTrue(
        chunks().stream().noneMatch(chunk -> chunk.has("usage")),
        "no usage chunk is made up when Gemini sent none");
  }

  @Test
  void a_client_that_leaves_closes_the_upstream_and_keeps_the_tokens_so_far() {
    CountDownLatch upstreamClosed = new CountDownLatch(1);
    fake.answer(
        exchange -> {
          FakeGemini.Sse sse = FakeGemini.sse(exchange);
          try {
            for (int i = 1; i <= 300; i++) {
              sse.data(textEvent("token " + i + " " + "x".repeat(512), i * 130));
              Thread.sleep(10);
            }
          } catch (IOException writeFailed) {
            upstreamClosed.countDown();
          }
        });

    long started = System.nanoTime();
    StreamOutcome outcome = gemini.stream(call(true), json -> false);

    assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 2000);
    assertTrue(outcome.clientClosed());
    // Gemini counts on every event: the count of the last one read is what was generated.
    assertEquals(new TokenUsage(12, 130, 0), outcome.usage());
    assertFalse(outcome.estimated());
    assertTrue(
        await(upstreamClosed), "the fake Gemini could still write: the upstream stayed open");
  }

  @Test
  void a_client_that_leaves_a_stream_without_usage_is_charged_an_estimate() {
    fake.answer(
        exchange -> {
          FakeGemini.Sse sse = FakeGemini.sse(exchange);
          sse.data(bareEvent("x".repeat(40), null));
          fake.hang();
        });

    StreamOutcome outcome = gemini.stream(call(true), json -> false);

    assertEquals(new StreamOutcome(new TokenUsage(5, 10, 0), true, true, "unknown"), outcome);
  }

  @Test
  void a_stream_that_stalls_midway_fails_after_the_idle_timeout() {
    fake.answer(
        exchange -> {
          FakeGemini.Sse sse = FakeGemini.sse(exchange);
          sse.data(textEvent("Hel", 1));
          fake.hang();
        });

    long started = System.nanoTime();
    UpstreamFailure failure =
        assertThrows(UpstreamFailure.class, () -> impatient.stream(call(true), sink));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(0, failure.status());
    assertTrue(failure.getMessage().contains("no data for"), failure.getMessage());
    assertEquals(1, relayed.size());
    assertTrue(took.compareTo(GeminiChatTest.TIMEOUT.minusMillis(50)) >= 0, "took " + took);
    assertTrue(took.compareTo(GeminiChatTest.TIMEOUT.multipliedBy(3)) < 0, "took " + took);
  }

  @Test
  void a_stream_may_last_longer_than_the_first_byte_timeout_while_events_keep_coming() {
    fake.answer(
        exchange -> {
          FakeGemini.Sse sse = FakeGemini.sse(exchange);
          for (int i = 1; i <= 8; i++) {
            sse.data(textEvent("tick ", i));
            Thread.sleep(GeminiChatTest.TIMEOUT.toMillis() / 3);
          }
          sse.data(lastEvent("", "STOP", 9, 0));
        });

    StreamOutcome outcome = impatient.stream(call(false), sink);

    assertEquals("stop", outcome.finishReason());
    assertEquals(9, relayed.size());
  }

  @Test
  void a_stream_that_never_starts_fails_retriably_with_no_status() {
    fake.answer(exchange -> fake.hang());

    UpstreamFailure failure =
        assertThrows(UpstreamFailure.class, () -> impatient.stream(call(true), sink));

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(0, failure.status());
    assertTrue(relayed.isEmpty());
  }

  @Test
  void an_error_answer_to_a_stream_request_is_mapped_before_anything_is_relayed() {
    fake.answer(
        exchange -> {
          exchange.getResponseHeaders().set("Retry-After", "7");
          FakeGemini.json(
              exchange, 429, FakeGemini.error(429, "Resource exhausted.", "RESOURCE_EXHAUSTED"));
        });

    UpstreamFailure failure =
        assertThrows(UpstreamFailure.class, () -> gemini.stream(call(true), sink));

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(429, failure.status());
    assertEquals(Optional.of(Duration.ofSeconds(7)), failure.retryAfter());
    assertTrue(relayed.isEmpty());
  }

  @Test
  void a_blocked_prompt_in_a_stream_is_a_final_400_before_anything_is_relayed() {
    fake.answer(
        exchange -> {
          FakeGemini.Sse sse = FakeGemini.sse(exchange);
          sse.data(
              """
              {"promptFeedback":{"blockReason":"SAFETY"},
               "usageMetadata":{"promptTokenCount":9,"totalTokenCount":9}}""");
        });

    UpstreamFailure failure =
        assertThrows(UpstreamFailure.class, () -> gemini.stream(call(true), sink));

    assertInstanceOf(NonRetriableUpstreamFailure.class, failure);
    assertEquals(400, failure.status());
    assertTrue(failure.getMessage().contains("SAFETY"));
    assertTrue(relayed.isEmpty());
  }

  @Test
  void an_error_event_inside_the_stream_ends_it_as_an_upstream_failure() {
    fake.answer(
        exchange -> {
          FakeGemini.Sse sse = FakeGemini.sse(exchange);
          sse.data(textEvent("Hel", 1));
          sse.data(FakeGemini.error(500, "An internal error has occurred.", "INTERNAL"));
        });

    UpstreamFailure failure =
        assertThrows(UpstreamFailure.class, () -> gemini.stream(call(true), sink));

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertTrue(failure.getMessage().contains("An internal error has occurred."));
    assertEquals(1, relayed.size());
  }

  @Test
  void a_stream_cut_off_before_it_finished_is_an_upstream_failure() {
    fake.answer(
        exchange -> {
          FakeGemini.Sse sse = FakeGemini.sse(exchange);
          sse.data(textEvent("Hel", 1));
        });

    UpstreamFailure failure =
        assertThrows(UpstreamFailure.class, () -> gemini.stream(call(true), sink));

    assertEquals(0, failure.status());
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
