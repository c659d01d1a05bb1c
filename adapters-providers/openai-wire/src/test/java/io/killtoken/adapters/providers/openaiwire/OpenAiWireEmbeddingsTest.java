package io.killtoken.adapters.providers.openaiwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.NonRetriableUpstreamFailure;
import io.killtoken.domain.error.RetriableUpstreamFailure;
import io.killtoken.domain.error.UpstreamFailure;
import io.killtoken.domain.provider.EmbeddingAnswer;
import io.killtoken.domain.provider.EmbeddingCall;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.usage.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A broken timeout would otherwise hang the build on a fake that never answers.
@Timeout(10)
class OpenAiWireEmbeddingsTest {

  private static final String BODY =
      """
      {"model":"openai/text-embedding-3-small","input":["first text","second text"],\
      "encoding_format":"float","dimensions":3}""";

  private FakeOpenAi fake;
  private OpenAiWireProvider openai;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeOpenAi();
    fake.answer(exchange -> FakeOpenAi.json(exchange, 200, FakeOpenAi.EMBEDDINGS));
    openai = OpenAiWireChatTest.provider(fake.baseUrl());
  }

  @AfterEach
  void stop() {
    openai.close();
    fake.close();
  }

  private static EmbeddingCall call() {
    return new EmbeddingCall("text-embedding-3-small", BODY, OpenAiWireChatTest.KEY);
  }

  @Test
  void the_upstream_receives_the_embeddings_path_the_tenant_key_and_the_providers_model() {
    openai.embed(call());

    FakeOpenAi.Received request = fake.received().getFirst();
    assertEquals("/v1/embeddings", request.path());
    assertEquals("Bearer " + OpenAiWireChatTest.KEY.value(), request.authorization());
    JsonNode body = request.body();
    assertEquals("text-embedding-3-small", body.path("model").asText());
    assertEquals("second text", body.path("input").path(1).asText());
    assertEquals("float", body.path("encoding_format").asText());
    assertEquals(3, body.path("dimensions").asInt());
  }

  @Test
  void the_answer_passes_through_unchanged_with_its_prompt_tokens_as_usage() {
    EmbeddingAnswer answer = openai.embed(call());

    assertEquals(FakeOpenAi.EMBEDDINGS, answer.body());
    assertEquals(new TokenUsage(9, 0, 0), answer.usage());
  }

  @Test
  void an_embeddings_answer_without_usage_counts_no_tokens_rather_than_failing() {
    fake.answer(
        exchange ->
            FakeOpenAi.json(
                exchange,
                200,
                """
                {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1]}]}"""));

    assertEquals(TokenUsage.NONE, openai.embed(call()).usage());
  }

  @Test
  void an_upstream_429_on_embeddings_is_retriable_after_the_time_it_asks_for() {
    fake.answer(
        exchange -> {
          exchange.getResponseHeaders().set("Retry-After", "3");
          FakeOpenAi.json(exchange, 429, FakeOpenAi.error("Slow down", "requests", "rate_limit"));
        });

    UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> openai.embed(call()));

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(429, failure.status());
    assertEquals(Optional.of(Duration.ofSeconds(3)), failure.retryAfter());
  }

  @Test
  void an_upstream_400_on_embeddings_is_final_and_keeps_the_providers_message() {
    fake.answer(
        exchange ->
            FakeOpenAi.json(
                exchange,
                400,
                FakeOpenAi.error(
                    "This model's maximum context length is 8192 tokens",
                    "invalid_request_error",
                    null)));

    UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> openai.embed(call()));

    assertInstanceOf(NonRetriableUpstreamFailure.class, failure);
    assertEquals(400, failure.status());
    assertEquals(
        "OpenAI: This model's maximum context length is 8192 tokens", failure.getMessage());
  }

  @Test
  void an_embeddings_call_that_never_answers_fails_after_the_first_byte_timeout() {
    fake.answer(exchange -> fake.hang());

    long started = System.nanoTime();
    UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> openai.embed(call()));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(0, failure.status());
    assertTrue(took.compareTo(OpenAiWireChatTest.TIMEOUT.minusMillis(50)) >= 0, "took " + took);
    assertTrue(took.compareTo(OpenAiWireChatTest.TIMEOUT.multipliedBy(3)) < 0, "took " + took);
  }

  @Test
  void an_embeddings_answer_that_is_not_json_is_an_upstream_failure() {
    fake.answer(exchange -> FakeOpenAi.json(exchange, 200, "<html>maintenance</html>"));

    UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> openai.embed(call()));

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals("OpenAI: the answer is not a JSON object.", failure.getMessage());
  }

  @Test
  void a_provider_without_embeddings_refuses_with_the_ports_answer_and_calls_nobody() {
    OpenAiWireConfig chatOnly =
        new OpenAiWireConfig(
            new ProviderId("chat-only"),
            "Chat Only",
            fake.baseUrl(),
            List.of(),
            PriceTable.empty(),
            false,
            true);
    try (OpenAiWireProvider provider = OpenAiWireChatTest.provider(chatOnly, fake.baseUrl())) {
      InvalidRequest refused = assertThrows(InvalidRequest.class, () -> provider.embed(call()));

      assertTrue(refused.getMessage().contains("'chat-only'"), refused.getMessage());
    }
    assertTrue(fake.received().isEmpty());
  }
}
