package io.killtoken.adapters.providers.openaiwire;

import static io.killtoken.adapters.providers.openaiwire.FakeOpenAi.chunk;
import static io.killtoken.adapters.providers.openaiwire.FakeOpenAi.finish;
import static io.killtoken.adapters.providers.openaiwire.FakeOpenAi.usageOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.killtoken.domain.error.RetriableUpstreamFailure;
import io.killtoken.domain.error.UpstreamFailure;
import io.killtoken.domain.provider.ChatCall;
import io.killtoken.domain.provider.ChunkSink;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.provider.ProviderSettings;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A broken timeout would otherwise hang the build on a fake that never answers.
@Timeout(10)
class OpenAiWireStreamTest {

  private static final String BODY =
      """
      {"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},\
      {"role":"user","content":[{"type":"text","text":"Say hello"}]}],\
      "stream":true,"stream_options":{"include_obfuscation":false}}""";

  private FakeOpenAi fake;
  private OpenAiWireProvider openai;
  private final List<String> relayed = new CopyOnWriteArrayList<>();
  private final ChunkSink sink = json -> relayed.add(json);

  @BeforeEach
  void start() throws Exception {
    fake = new FakeOpenAi();
    openai = OpenAiWireChatTest.provider(fake.baseUrl());
    // The timeouts here are short (1 s): one call first, so a cold JVM on a busy machine does
    // not spend them loading the HTTP client.
    answerWithFullStream();
    openai.stream(call(false), json -> true);
    fake.forget();
  }

  @AfterEach
  void stop() {
    openai.close();
    fake.close();
  }

  private static ChatCall call(boolean includeUsage) {
    return new ChatCall("gpt-4o-mini", BODY, OpenAiWireChatTest.KEY, includeUsage);
  }

  private void answerWithFullStream() {
    fake.answer(
        exchange -> {
          FakeOpenAi.Sse sse = FakeOpenAi.sse(exchange);
          sse.raw(": keep-alive\n\n");
          sse.data(chunk("Hel"));
          sse.data(chunk("lo!"));
          sse.data(finish("stop"));
          sse.data(usageOnly(12, 3, 4));
          sse.done();
        });
  }

  @Test
  void chunks_reach_the_sink_before_the_upstream_sends_the_next_one() {
    CountDownLatch firstRelayed = new CountDownLatch(1);
    AtomicBoolean streamed = new AtomicBoolean();
    fake.answer(
        exchange -> {
          FakeOpenAi.Sse sse = FakeOpenAi.sse(exchange);
          sse.data(chunk("Hel"));
          // The rest only follows once the first chunk has reached the client's sink.
          streamed.set(firstRelayed.await(2, TimeUnit.SECONDS));
          sse.data(chunk("lo!"));
          sse.data(finish("stop"));
          sse.data(usageOnly(12, 3, 4));
          sse.done();
        });

    StreamOutcome outcome =
        openai.stream(
            call(true),
            json -> {
              relayed.add(json);
              firstRelayed.countDown();
              return true;
            });

    assertTrue(streamed.get(), "the first chunk was held back until the stream went on");
    assertEquals(List.of(chunk("Hel"), chunk("lo!"), finish("stop"), usageOnly(12, 3, 4)), relayed);
    assertEquals(new StreamOutcome(new TokenUsage(12, 3, 4), false, false, "stop"), outcome);
  }

  @Test
  void usage_is_always_asked_for_and_other_stream_options_are_kept() {
    answerWithFullStream();

    openai.stream(call(false), sink);

    FakeOpenAi.Received request = fake.received().getFirst();
    assertEquals("Bearer " + OpenAiWireChatTest.KEY.value(), request.authorization());
    JsonNode body = request.body();
    assertTrue(body.path("stream").asBoolean());
    assertTrue(body.path("stream_options").path("include_usage").asBoolean());
    assertTrue(body.path("stream_options").has("include_obfuscation"));
  }

  @Test
  void the_usage_chunk_is_withheld_when_the_client_did_not_ask_but_still_counted() {
    answerWithFullStream();

    StreamOutcome outcome = openai.stream(call(false), sink);

    assertEquals(List.of(chunk("Hel"), chunk("lo!"), finish("stop")), relayed);
    assertEquals(new TokenUsage(12, 3, 4), outcome.usage());
    assertFalse(outcome.estimated());
  }

  @Test
  void a_stream_without_usage_is_counted_and_marked_estimated() {
    fake.answer(
        exchange -> {
          FakeOpenAi.Sse sse = FakeOpenAi.sse(exchange);
          sse.data(chunk("Hello there"));
          sse.data(chunk(", friend!"));
          sse.data(finish("length"));
          sse.done();
        });

    StreamOutcome outcome = openai.stream(call(true), sink);

    // Prompt: "Be brief." + "Say hello" = 18 chars → 5 tokens; answer: 20 chars → 5 tokens.
    assertEquals(new StreamOutcome(new TokenUsage(5, 5, 0), true, false, "length"), outcome);
  }

  @Test
  void a_client_that_leaves_closes_the_upstream_and_keeps_the_tokens_so_far() {
    CountDownLatch upstreamClosed = new CountDownLatch(1);
    fake.answer(
        exchange -> {
          FakeOpenAi.Sse sse = FakeOpenAi.sse(exchange);
          try {
            for (int i = 0; i < 300; i++) {
              sse.data(chunk("token " + i + " " + "x".repeat(512)));
              Thread.sleep(10);
            }
          } catch (IOException writeFailed) {
            upstreamClosed.countDown();
          }
        });

    long started = System.nanoTime();
    StreamOutcome outcome = openai.stream(call(true), json -> false);

    assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 1000);
    assertTrue(outcome.clientClosed());
    assertTrue(outcome.estimated());
    assertTrue(outcome.usage().output() > 0);
    assertTrue(outcome.usage().input() > 0);
    assertTrue(
        await(upstreamClosed), "the fake OpenAI could still write: the upstream stayed open");
  }

  @Test
  void a_stream_that_stalls_midway_fails_after_the_idle_timeout() {
    fake.answer(
        exchange -> {
          FakeOpenAi.Sse sse = FakeOpenAi.sse(exchange);
          sse.data(chunk("Hel"));
          fake.hang();
        });

    long started = System.nanoTime();
    UpstreamFailure failure =
        assertThrows(UpstreamFailure.class, () -> openai.stream(call(true), sink));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(0, failure.status());
    assertEquals(List.of(chunk("Hel")), relayed);
    assertTrue(took.compareTo(OpenAiWireChatTest.TIMEOUT.minusMillis(50)) >= 0, "took " + took);
    assertTrue(took.compareTo(OpenAiWireChatTest.TIMEOUT.multipliedBy(3)) < 0, "took " + took);
  }

  @Test
  void a_pause_after_the_first_chunk_is_bounded_by_the_idle_timeout_not_the_first_byte_timeout()
      throws Exception {
    assertPauseEndsTheStream(1);
  }

  @Test
  void a_pause_between_later_chunks_is_bounded_by_the_idle_timeout() throws Exception {
    assertPauseEndsTheStream(4);
  }

  // The first byte may take far longer than a gap between chunks (a model thinking before its
  // first token): a guard that only looked again at the first-byte deadline let every later pause
  // up to that deadline through.
  private void assertPauseEndsTheStream(int chunksBeforePause) throws Exception {
    Duration idle = Duration.ofMillis(1000);
    CountDownLatch upstreamClosed = new CountDownLatch(1);
    fake.answer(
        exchange -> {
          FakeOpenAi.Sse sse = FakeOpenAi.sse(exchange);
          try {
            for (int i = 0; i < chunksBeforePause; i++) {
              sse.data(chunk("tick "));
              Thread.sleep(100);
            }
            Thread.sleep(3_000);
            // Written until it fails: one write may still land in a socket buffer.
            for (int i = 0; i < 20; i++) {
              sse.data(chunk("late "));
              Thread.sleep(100);
            }
            sse.data(finish("stop"));
            sse.done();
          } catch (IOException writeFailed) {
            upstreamClosed.countDown();
          }
        });
    ProviderSettings patientFirstByte =
        new ProviderSettings(
            Optional.of(fake.baseUrl()), Duration.ofSeconds(1), Duration.ofSeconds(8), idle);

    try (OpenAiWireProvider patient =
        new OpenAiWireProvider(OpenAiWireChatTest.config(), patientFirstByte)) {
      long started = System.nanoTime();
      UpstreamFailure failure =
          assertThrows(UpstreamFailure.class, () -> patient.stream(call(true), sink));
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertInstanceOf(RetriableUpstreamFailure.class, failure);
      assertEquals(0, failure.status());
      assertTrue(failure.getMessage().contains("no data for 1000 ms"), failure.getMessage());
      assertEquals(chunksBeforePause, relayed.size());
      // The pause begins after ~100 ms per chunk; it must end one idle period later, not at 3 s.
      assertTrue(took.compareTo(idle.plusMillis(chunksBeforePause * 100L + 800)) < 0, "" + took);
      assertTrue(
          await(upstreamClosed), "the fake OpenAI could still write: the upstream stayed open");
    }
  }

  @Test
  void a_stream_may_last_longer_than_the_first_byte_timeout_while_chunks_keep_coming() {
    fake.answer(
        exchange -> {
          FakeOpenAi.Sse sse = FakeOpenAi.sse(exchange);
          for (int i = 0; i < 8; i++) {
            sse.data(chunk("tick "));
            Thread.sleep(OpenAiWireChatTest.TIMEOUT.toMillis() / 3);
          }
          sse.data(finish("stop"));
          sse.data(usageOnly(12, 8, 0));
          sse.done();
        });

    StreamOutcome outcome = openai.stream(call(true), sink);

    assertEquals("stop", outcome.finishReason());
    assertEquals(10, relayed.size());
  }

  @Test
  void a_stream_that_never_starts_fails_retriably_with_no_status() {
    fake.answer(exchange -> fake.hang());

    UpstreamFailure failure =
        assertThrows(UpstreamFailure.class, () -> openai.stream(call(true), sink));

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(0, failure.status());
    assertTrue(relayed.isEmpty());
  }

  @Test
  void an_error_answer_to_a_stream_request_is_mapped_before_anything_is_relayed() {
    fake.answer(
        exchange -> {
          exchange.getResponseHeaders().set("Retry-After", "7");
          FakeOpenAi.json(
              exchange, 429, FakeOpenAi.error("Rate limit reached", "requests", "rate_limit"));
        });

    UpstreamFailure failure =
        assertThrows(UpstreamFailure.class, () -> openai.stream(call(true), sink));

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(429, failure.status());
    assertEquals(Optional.of(Duration.ofSeconds(7)), failure.retryAfter());
    assertTrue(relayed.isEmpty());
  }

  @Test
  void an_error_event_inside_the_stream_ends_it_as_an_upstream_failure() {
    fake.answer(
        exchange -> {
          FakeOpenAi.Sse sse = FakeOpenAi.sse(exchange);
          sse.data(chunk("Hel"));
          sse.data(FakeOpenAi.error("The server had an error", "server_error", null));
        });

    UpstreamFailure failure =
        assertThrows(UpstreamFailure.class, () -> openai.stream(call(true), sink));

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertTrue(failure.getMessage().contains("The server had an error"));
    assertEquals(List.of(chunk("Hel")), relayed);
  }

  @Test
  void a_stream_cut_off_before_it_finished_is_an_upstream_failure() {
    fake.answer(
        exchange -> {
          FakeOpenAi.Sse sse = FakeOpenAi.sse(exchange);
          sse.data(chunk("Hel"));
        });

    UpstreamFailure failure =
        assertThrows(UpstreamFailure.class, () -> openai.stream(call(true), sink));

    assertEquals(0, failure.status());
  }

  @Test
  void a_provider_without_stream_options_gets_none_not_even_the_clients_own() {
    OpenAiWireConfig refusesOptions =
        new OpenAiWireConfig(
            new ProviderId("strict"),
            "Strict",
            fake.baseUrl(),
            List.of(),
            PriceTable.empty(),
            false,
            false);
    answerWithFullStream();

    try (OpenAiWireProvider strict = OpenAiWireChatTest.provider(refusesOptions, fake.baseUrl())) {
      StreamOutcome outcome = strict.stream(call(false), sink);

      JsonNode body = fake.received().getFirst().body();
      assertTrue(body.path("stream").asBoolean());
      assertTrue(body.path("stream_options").isMissingNode(), body.toString());
      assertEquals(new TokenUsage(12, 3, 4), outcome.usage(), "usage the provider sends unasked");
      assertFalse(outcome.estimated());
    }
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
