package io.killtoken.adapters.providers.openaiwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.error.NonRetriableUpstreamFailure;
import io.killtoken.domain.error.RetriableUpstreamFailure;
import io.killtoken.domain.error.UpstreamFailure;
import io.killtoken.domain.provider.ChatAnswer;
import io.killtoken.domain.provider.ChatCall;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.provider.ProviderSettings;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.usage.TokenUsage;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A broken timeout would otherwise hang the build on a fake that never answers.
@Timeout(10)
class OpenAiWireChatTest {

  static final Duration TIMEOUT = Duration.ofMillis(1000);
  static final PlainSecret KEY = new PlainSecret("sk-tenant-a-own-key-0123456789");
  static final String BODY =
      """
      {"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"Say hello"}],\
      "temperature":0.2,"stream":false}""";

  private FakeOpenAi fake;
  private OpenAiWireProvider openai;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeOpenAi();
    openai = provider(fake.baseUrl());
    // The timeouts here are short (1 s): one call first, so a cold JVM on a busy machine does
    // not spend them loading the HTTP client.
    openai.chat(call(BODY));
    fake.forget();
  }

  @AfterEach
  void stop() {
    openai.close();
    fake.close();
  }

  /** A provider configured the way the OpenAI module configures it, minus its price table. */
  static OpenAiWireConfig config() {
    return new OpenAiWireConfig(
        new ProviderId("openai"),
        "OpenAI",
        URI.create("https://api.openai.com/v1"),
        List.of("gpt-", "o3"),
        PriceTable.empty(),
        true,
        true);
  }

  static OpenAiWireProvider provider(URI baseUrl) {
    return provider(config(), baseUrl);
  }

  static OpenAiWireProvider provider(OpenAiWireConfig config, URI baseUrl) {
    return new OpenAiWireProvider(
        config, new ProviderSettings(Optional.of(baseUrl), TIMEOUT, TIMEOUT, TIMEOUT));
  }

  static ChatCall call(String body) {
    return new ChatCall("gpt-4o-mini", body, KEY, false);
  }

  @Test
  void an_answer_passes_through_unchanged_with_its_usage_and_finish_reason() {
    ChatAnswer answer = openai.chat(call(BODY));

    assertEquals(FakeOpenAi.COMPLETION, answer.body());
    assertEquals(new TokenUsage(12, 5, 4), answer.usage());
    assertEquals("stop", answer.finishReason());
  }

  @Test
  void the_upstream_receives_exactly_the_key_of_the_call_and_the_providers_model() {
    openai.chat(call(BODY));

    FakeOpenAi.Received request = fake.received().getFirst();
    assertEquals("/v1/chat/completions", request.path());
    assertEquals("Bearer " + KEY.value(), request.authorization());
    assertEquals("gpt-4o-mini", request.body().path("model").asText());
    assertEquals(0.2, request.body().path("temperature").asDouble());
    assertTrue(request.body().path("stream").isMissingNode());
  }

  @Test
  void an_upstream_401_is_final_and_keeps_openais_message() {
    fake.answer(
        exchange ->
            FakeOpenAi.json(
                exchange,
                401,
                FakeOpenAi.error(
                    "Incorrect API key provided: " + KEY.value() + ".",
                    "invalid_request_error",
                    "invalid_api_key")));

    UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> openai.chat(call(BODY)));

    assertInstanceOf(NonRetriableUpstreamFailure.class, failure);
    assertEquals(401, failure.status());
    assertTrue(failure.getMessage().contains("Incorrect API key provided"), failure.getMessage());
    assertFalse(failure.getMessage().contains(KEY.value()), failure.getMessage());
  }

  @Test
  void an_upstream_429_is_retriable_after_the_time_it_asks_for() {
    fake.answer(
        exchange -> {
          exchange.getResponseHeaders().set("Retry-After", "7");
          FakeOpenAi.json(
              exchange,
              429,
              FakeOpenAi.error(
                  "Rate limit reached for requests", "requests", "rate_limit_exceeded"));
        });

    UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> openai.chat(call(BODY)));

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(429, failure.status());
    assertEquals(Optional.of(Duration.ofSeconds(7)), failure.retryAfter());
  }

  @Test
  void an_upstream_500_is_retriable() {
    fake.answer(
        exchange ->
            FakeOpenAi.json(
                exchange, 500, FakeOpenAi.error("The server had an error", "server_error", null)));

    UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> openai.chat(call(BODY)));

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(500, failure.status());
  }

  @Test
  void an_upstream_that_never_answers_fails_retriably_after_the_first_byte_timeout() {
    fake.answer(exchange -> fake.hang());

    long started = System.nanoTime();
    UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> openai.chat(call(BODY)));
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
          exchange.sendResponseHeaders(200, FakeOpenAi.COMPLETION.length());
          exchange.getResponseBody().write(FakeOpenAi.COMPLETION.substring(0, 20).getBytes());
          exchange.getResponseBody().flush();
          fake.hang();
        });

    UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> openai.chat(call(BODY)));

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
    try (OpenAiWireProvider nowhere = provider(closed)) {
      UpstreamFailure failure = assertThrows(UpstreamFailure.class, () -> nowhere.chat(call(BODY)));

      assertInstanceOf(RetriableUpstreamFailure.class, failure);
      assertEquals(UpstreamFailure.NOT_CONNECTED, failure.status());
    }
  }

  @Test
  void a_redirect_is_not_followed_and_the_key_never_reaches_the_other_host() throws Exception {
    try (FakeOpenAi elsewhere = new FakeOpenAi()) {
      // 307 is the dangerous one: it would replay the POST, body and key included.
      for (int status : new int[] {302, 307}) {
        fake.answer(
            exchange -> {
              exchange
                  .getResponseHeaders()
                  .set("Location", elsewhere.baseUrl() + "/chat/completions");
              exchange.sendResponseHeaders(status, -1);
            });

        UpstreamFailure failure =
            assertThrows(UpstreamFailure.class, () -> openai.chat(call(BODY)));

        assertEquals(status, failure.status());
        assertFalse(failure.getMessage().contains(elsewhere.baseUrl().toString()));
      }
      assertTrue(elsewhere.received().isEmpty(), "the redirect target was called");
    }
  }
}
