package io.killtoken.adapters.providers.openaicompatible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.killtoken.adapters.providers.openaiwire.FakeOpenAi;
import io.killtoken.adapters.providers.openaiwire.OpenAiWireProvider;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.NonRetriableUpstreamFailure;
import io.killtoken.domain.error.RetriableUpstreamFailure;
import io.killtoken.domain.error.UpstreamFailure;
import io.killtoken.domain.provider.ChatCall;
import io.killtoken.domain.provider.EmbeddingAnswer;
import io.killtoken.domain.provider.EmbeddingCall;
import io.killtoken.domain.provider.ProviderSettings;
import io.killtoken.domain.provider.StreamOutcome;
import io.killtoken.domain.usage.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A broken timeout would otherwise hang the build on a fake that never answers.
@Timeout(10)
class OpenAiCompatibleCallsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** A client that asked for the usage chunk, as OpenAI SDK users often do. */
  private static final String STREAM_BODY =
      """
      {"model":"mistral-small-latest","messages":[{"role":"user","content":"Say hello"}],\
      "stream":true,"stream_options":{"include_usage":true}}""";

  /** Mistral's last chunk: the finish reason and the usage together, sent without being asked. */
  private static final String MISTRAL_LAST_CHUNK =
      """
      {"id":"cmpl-m1","object":"chat.completion.chunk","created":1764000000,\
      "model":"mistral-small-latest","choices":[{"index":0,"delta":{"content":""},\
      "finish_reason":"stop"}],"usage":{"prompt_tokens":7,"total_tokens":10,"completion_tokens":3}}""";

  private FakeOpenAi fake;
  private final List<String> relayed = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    fake = new FakeOpenAi();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private OpenAiWireProvider provider(String id) {
    return OpenAiCompatibleModuleTest.provider(
        id, new ProviderSettings(Optional.of(fake.baseUrl()), TIMEOUT, TIMEOUT, TIMEOUT));
  }

  private static ChatCall streamCall(boolean includeUsage) {
    return new ChatCall(
        "mistral-small-latest", STREAM_BODY, OpenAiCompatibleModuleTest.KEY, includeUsage);
  }

  @Test
  void a_mistral_stream_sends_no_stream_options_and_counts_the_usage_mistral_sends_unasked() {
    fake.answer(
        exchange -> {
          FakeOpenAi.Sse sse = FakeOpenAi.sse(exchange);
          sse.data(FakeOpenAi.chunk("Hello"));
          sse.data(MISTRAL_LAST_CHUNK);
          sse.done();
        });

    StreamOutcome outcome;
    try (OpenAiWireProvider mistral = provider("mistral")) {
      outcome = mistral.stream(streamCall(true), relayed::add);
    }

    JsonNode sent = fake.received().getFirst().body();
    assertTrue(sent.path("stream").asBoolean());
    assertTrue(sent.path("stream_options").isMissingNode(), sent.toString());
    assertEquals(new StreamOutcome(new TokenUsage(7, 3, 0), false, false, "stop"), outcome);
    assertEquals(List.of(FakeOpenAi.chunk("Hello"), MISTRAL_LAST_CHUNK), relayed);
  }

  @Test
  void a_mistral_stream_that_reports_no_usage_is_still_counted_as_an_estimate() {
    fake.answer(
        exchange -> {
          FakeOpenAi.Sse sse = FakeOpenAi.sse(exchange);
          sse.data(FakeOpenAi.chunk("Hello there"));
          sse.data(FakeOpenAi.finish("stop"));
          sse.done();
        });

    StreamOutcome outcome;
    try (OpenAiWireProvider mistral = provider("mistral")) {
      outcome = mistral.stream(streamCall(false), relayed::add);
    }

    assertTrue(fake.received().getFirst().body().path("stream_options").isMissingNode());
    // Prompt "Say hello" = 9 chars → 3 tokens; answer "Hello there" = 11 chars → 3 tokens.
    assertEquals(new StreamOutcome(new TokenUsage(3, 3, 0), true, false, "stop"), outcome);
  }

  @Test
  void a_provider_that_accepts_stream_options_is_always_asked_for_usage() {
    fake.answer(
        exchange -> {
          FakeOpenAi.Sse sse = FakeOpenAi.sse(exchange);
          sse.data(FakeOpenAi.chunk("Hi"));
          sse.data(FakeOpenAi.finish("stop"));
          sse.data(FakeOpenAi.usageOnly(5, 1, 0));
          sse.done();
        });

    StreamOutcome outcome;
    try (OpenAiWireProvider deepseek = provider("deepseek")) {
      outcome =
          deepseek.stream(
              new ChatCall(
                  "deepseek-chat",
                  "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                  OpenAiCompatibleModuleTest.KEY,
                  false),
              relayed::add);
    }

    JsonNode sent = fake.received().getFirst().body();
    assertTrue(sent.path("stream_options").path("include_usage").asBoolean());
    assertEquals(new TokenUsage(5, 1, 0), outcome.usage());
    assertEquals(2, relayed.size(), "the usage chunk the client did not ask for is withheld");
  }

  @Test
  void a_429_from_a_declared_provider_is_retriable_after_the_wait_it_asks_for() {
    fake.answer(
        exchange -> {
          exchange.getResponseHeaders().set("Retry-After", "2");
          FakeOpenAi.json(
              exchange,
              429,
              FakeOpenAi.error(
                  "Rate limit reached for model llama-3.3-70b-versatile",
                  "tokens",
                  "rate_limit_exceeded"));
        });

    UpstreamFailure failure;
    try (OpenAiWireProvider groq = provider("groq")) {
      failure =
          assertThrows(
              UpstreamFailure.class,
              () ->
                  groq.chat(
                      new ChatCall(
                          "llama-3.3-70b-versatile",
                          "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                          OpenAiCompatibleModuleTest.KEY,
                          false)));
    }

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(429, failure.status());
    assertEquals(Optional.of(Duration.ofSeconds(2)), failure.retryAfter());
    assertEquals(
        "Groq: Rate limit reached for model llama-3.3-70b-versatile", failure.getMessage());
  }

  @Test
  void mistrals_flat_error_body_keeps_its_message_and_never_the_key() {
    fake.answer(
        exchange ->
            FakeOpenAi.json(
                exchange,
                401,
                """
                {"message":"Unauthorized: %s","request_id":"r-1"}"""
                    .formatted(OpenAiCompatibleModuleTest.KEY.value())));

    UpstreamFailure failure;
    try (OpenAiWireProvider mistral = provider("mistral")) {
      failure =
          assertThrows(UpstreamFailure.class, () -> mistral.stream(streamCall(true), relayed::add));
    }

    assertInstanceOf(NonRetriableUpstreamFailure.class, failure);
    assertEquals(401, failure.status());
    assertTrue(failure.getMessage().startsWith("Mistral: Unauthorized"), failure.getMessage());
    assertFalse(
        failure.getMessage().contains(OpenAiCompatibleModuleTest.KEY.value()),
        failure.getMessage());
  }

  @Test
  void mistral_embeddings_go_to_its_embeddings_endpoint() {
    fake.answer(exchange -> FakeOpenAi.json(exchange, 200, FakeOpenAi.EMBEDDINGS));

    EmbeddingAnswer answer;
    try (OpenAiWireProvider mistral = provider("mistral")) {
      answer =
          mistral.embed(
              new EmbeddingCall(
                  "mistral-embed",
                  "{\"model\":\"mistral-embed\",\"input\":[\"hello\"]}",
                  OpenAiCompatibleModuleTest.KEY));
    }

    FakeOpenAi.Received request = fake.received().getFirst();
    assertEquals("/v1/embeddings", request.path());
    assertEquals("Bearer " + OpenAiCompatibleModuleTest.KEY.value(), request.authorization());
    assertEquals("mistral-embed", request.body().path("model").asText());
    assertEquals(new TokenUsage(9, 0, 0), answer.usage());
  }

  @Test
  void a_provider_declared_without_embeddings_refuses_them_and_calls_nobody() {
    try (OpenAiWireProvider deepseek = provider("deepseek")) {
      assertThrows(
          InvalidRequest.class,
          () ->
              deepseek.embed(
                  new EmbeddingCall(
                      "deepseek-chat", "{\"input\":\"hi\"}", OpenAiCompatibleModuleTest.KEY)));
    }

    assertTrue(fake.received().isEmpty());
  }
}
