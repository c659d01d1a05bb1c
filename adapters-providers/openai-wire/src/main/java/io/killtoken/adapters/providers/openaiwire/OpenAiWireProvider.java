package io.killtoken.adapters.providers.openaiwire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.error.RetriableUpstreamFailure;
import io.killtoken.domain.provider.ChatAnswer;
import io.killtoken.domain.provider.ChatCall;
import io.killtoken.domain.provider.ChunkSink;
import io.killtoken.domain.provider.EmbeddingAnswer;
import io.killtoken.domain.provider.EmbeddingCall;
import io.killtoken.domain.provider.LlmProvider;
import io.killtoken.domain.provider.ModelPrice;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.provider.ProviderSettings;
import io.killtoken.domain.provider.StreamOutcome;
import io.killtoken.domain.usage.TokenUsage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * A provider speaking the OpenAI wire format — OpenAI itself or any compatible API, as its {@link
 * OpenAiWireConfig} says: chat as JSON and SSE, embeddings, the tenant's own key, usage from
 * answers and streams, errors through one mapper. It never retries; the application decides. {@link
 * #close()} ends in-flight calls.
 */
public final class OpenAiWireProvider implements LlmProvider, AutoCloseable {

  private final OpenAiWireConfig config;
  private final URI baseUrl;
  private final URI chatCompletions;
  private final URI embeddings;
  private final OpenAiErrors errors;
  private final WireHttp http;

  /**
   * The provider at its fixed base URL, or at the operator's override in {@code settings}.
   *
   * @throws IllegalArgumentException when the override is not a plain http(s) URL
   */
  public OpenAiWireProvider(OpenAiWireConfig config, ProviderSettings settings) {
    this(config, settings, InstantSource.system());
  }

  OpenAiWireProvider(OpenAiWireConfig config, ProviderSettings settings, InstantSource clock) {
    this.config = config;
    this.baseUrl =
        OpenAiWireConfig.checked(settings.baseUrl().orElse(config.baseUrl()), config.name());
    String base = baseUrl.toString().replaceAll("/+$", "");
    this.chatCompletions = URI.create(base + "/chat/completions");
    this.embeddings = URI.create(base + "/embeddings");
    this.errors = new OpenAiErrors(config.name());
    this.http = new WireHttp(config, baseUrl, settings, errors, clock);
  }

  @Override
  public ProviderId id() {
    return config.id();
  }

  /** Where this provider's calls go: its fixed base URL unless the operator overrode it. */
  public URI baseUrl() {
    return baseUrl;
  }

  @Override
  public boolean servesModel(String model) {
    return config.claims(model);
  }

  @Override
  public List<String> models() {
    return config.prices().models();
  }

  @Override
  public Optional<ModelPrice> price(String model) {
    return config.prices().lookup(model);
  }

  @Override
  public ChatAnswer chat(ChatCall call) {
    String body = OpenAiWire.jsonBody(OpenAiWire.request(call));
    try (WireResponse response =
        http.post(
            endpoint(call.baseUrl(), chatCompletions, "/chat/completions"),
            call.apiKey(),
            body,
            "application/json")) {
      String text = response.text();
      if (!response.success()) {
        throw response.failure(text);
      }
      JsonNode answer = response.object(text);
      String finish = OpenAiWire.finishReason(answer);
      return new ChatAnswer(
          text,
          OpenAiWire.usage(answer).orElse(TokenUsage.NONE),
          finish == null ? OpenAiWire.UNKNOWN_FINISH : finish);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A stream that fails after chunks were relayed (no data for the idle timeout, an error event
   * from the provider, a connection cut before the answer was complete) also throws a {@link
   * RetriableUpstreamFailure}; the HTTP layer then ends the open SSE response with an error event,
   * and must not retry, since the client already has part of an answer.
   */
  @Override
  public StreamOutcome stream(ChatCall call, ChunkSink sink) {
    ObjectNode request = OpenAiWire.request(call);
    long promptChars = OpenAiWire.promptChars(request);
    String body = OpenAiWire.streamBody(request, config.streamOptions());
    try (WireResponse response =
        http.post(
            endpoint(call.baseUrl(), chatCompletions, "/chat/completions"),
            call.apiKey(),
            body,
            "text/event-stream")) {
      if (!response.success()) {
        throw response.failure();
      }
      // Read on the caller's thread, line by line as the bytes arrive; the guard closes the body
      // from its timer thread (never the reader, whose lock readLine holds) when it goes quiet.
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(response.stream(), StandardCharsets.UTF_8));
      try {
        return new SseRelay(call, sink, promptChars, errors).relay(lines);
      } catch (IOException e) {
        throw response.broken();
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A provider configured without embeddings keeps the port's refusal.
   */
  @Override
  public EmbeddingAnswer embed(EmbeddingCall call) {
    if (!config.embeddings()) {
      return LlmProvider.super.embed(call);
    }
    String body = OpenAiWire.embeddingsBody(call);
    try (WireResponse response =
        http.post(
            endpoint(call.baseUrl(), embeddings, "/embeddings"),
            call.apiKey(),
            body,
            "application/json")) {
      String text = response.text();
      if (!response.success()) {
        throw response.failure(text);
      }
      JsonNode answer = response.object(text);
      // Embeddings produce no completion tokens and are not prompt-cached.
      long prompt = OpenAiWire.usage(answer).map(TokenUsage::input).orElse(0L);
      return new EmbeddingAnswer(text, new TokenUsage(prompt, 0, 0));
    }
  }

  /** Ends in-flight calls and releases the client; call once the HTTP layer has drained. */
  @Override
  public void close() {
    http.close();
  }

  /** The tenant credential's own base URL (already SSRF-checked) wins over the fixed one. */
  private static URI endpoint(Optional<URI> own, URI fixed, String path) {
    return own.map(base -> URI.create(base + path)).orElse(fixed);
  }
}
