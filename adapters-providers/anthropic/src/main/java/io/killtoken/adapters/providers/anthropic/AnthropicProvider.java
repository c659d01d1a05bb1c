package io.killtoken.adapters.providers.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.adapters.providers.openaiwire.IdleGuard;
import io.killtoken.adapters.providers.openaiwire.ServerErrors;
import io.killtoken.adapters.providers.openaiwire.UpstreamHttp;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.RetriableUpstreamFailure;
import io.killtoken.domain.error.UpstreamFailure;
import io.killtoken.domain.provider.ChatAnswer;
import io.killtoken.domain.provider.ChatCall;
import io.killtoken.domain.provider.ChunkSink;
import io.killtoken.domain.provider.LlmProvider;
import io.killtoken.domain.provider.ModelPrice;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.provider.ProviderSettings;
import io.killtoken.domain.provider.StreamOutcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * The Anthropic Messages provider: translates OpenAI-format calls to {@code POST /v1/messages} with
 * the tenant's own key, and answers, streams and errors back; usage from answers and streams,
 * prices from the shipped table. It never retries; the application decides. {@link #close()} ends
 * in-flight calls.
 */
public final class AnthropicProvider implements LlmProvider, AutoCloseable {

  public static final ProviderId ID = new ProviderId("anthropic");

  /** The API version every request pins, so Anthropic never changes the wire format under us. */
  static final String API_VERSION = "2023-06-01";

  /** The most of an error body read to find Anthropic's message. */
  private static final int ERROR_BODY_LIMIT = 64 * 1024;

  private final URI messages;
  private final ProviderSettings settings;
  private final AnthropicPrices prices;
  private final InstantSource clock;
  private final UpstreamHttp http;

  AnthropicProvider(
      URI baseUrl, ProviderSettings settings, AnthropicPrices prices, InstantSource clock) {
    this.messages = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/messages");
    this.settings = settings;
    this.prices = prices;
    this.clock = clock;
    this.http =
        new UpstreamHttp(
            "anthropic",
            messages,
            settings,
            new UpstreamHttp.Failures(AnthropicErrors::notConnected, AnthropicErrors::unreachable));
  }

  @Override
  public ProviderId id() {
    return ID;
  }

  @Override
  public boolean servesModel(String model) {
    return model.startsWith("claude-");
  }

  @Override
  public List<String> models() {
    return prices.models();
  }

  @Override
  public Optional<ModelPrice> price(String model) {
    return prices.lookup(model);
  }

  @Override
  public ChatAnswer chat(ChatCall call) {
    String body = MessagesRequest.of(call, false).toString();
    long started = System.nanoTime();
    HttpResponse<InputStream> response = send(call, body, "application/json");
    try (IdleGuard guard = http.guard(response, started)) {
      String text;
      try {
        text = new String(guard.stream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw broken(guard);
      }
      if (!success(response)) {
        throw failure(response, text, call);
      }
      JsonNode answer;
      try {
        answer = AnthropicWire.MAPPER.readTree(text);
      } catch (JsonProcessingException e) {
        answer = null;
      }
      if (answer == null || !answer.isObject()) {
        throw new RetriableUpstreamFailure(
            "Anthropic: the answer is not a JSON object.", response.statusCode(), null);
      }
      return MessagesAnswer.toOpenAi(answer, call.model(), clock.instant().getEpochSecond());
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A stream that fails after chunks were relayed (no data for the idle timeout, an error event
   * from Anthropic, a connection cut before the answer was complete) also throws an {@link
   * UpstreamFailure}; the HTTP layer then ends the open SSE response with an error event, and must
   * not retry, since the client already has part of an answer.
   */
  @Override
  public StreamOutcome stream(ChatCall call, ChunkSink sink) {
    ObjectNode request = MessagesRequest.of(call, true);
    long promptChars = MessagesRequest.promptChars(request);
    String body = request.toString();
    long started = System.nanoTime();
    HttpResponse<InputStream> response = send(call, body, "text/event-stream");
    try (IdleGuard guard = http.guard(response, started)) {
      if (!success(response)) {
        String text;
        try {
          text = new String(guard.stream().readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw broken(guard);
        }
        throw failure(response, text, call);
      }
      // Read on the caller's thread, line by line as the bytes arrive; the guard closes the body
      // from its timer thread (never the reader, whose lock readLine holds) when it goes quiet.
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(guard.stream(), StandardCharsets.UTF_8));
      StreamRelay relay =
          new StreamRelay(call, sink, promptChars, clock.instant().getEpochSecond());
      try {
        return relay.relay(new SseEvents(lines));
      } catch (IOException e) {
        throw broken(guard);
      }
    }
  }

  /** Ends in-flight calls and releases the client; call once the HTTP layer has drained. */
  @Override
  public void close() {
    http.close();
  }

  private HttpResponse<InputStream> send(ChatCall call, String body, String accept) {
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(
                  // A tenant's own server, when its credential names one (already SSRF-checked).
                  call.baseUrl().map(base -> URI.create(base + "/messages")).orElse(messages))
              .header("x-api-key", call.apiKey().value())
              .header("anthropic-version", API_VERSION)
              .header("Content-Type", "application/json")
              .header("Accept", accept)
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build();
    } catch (IllegalArgumentException badHeaderValue) {
      // The JDK's message may quote the header value, that is the key: it is not passed on.
      throw new InvalidRequest(
          "The Anthropic key stored for this tenant is not a valid header value.");
    }
    return http.send(request);
  }

  private UpstreamFailure broken(IdleGuard guard) {
    return guard.fired()
        ? AnthropicErrors.unreachable("no data for " + millis(settings.idle()) + ".")
        : AnthropicErrors.unreachable("the connection broke off.");
  }

  private UpstreamFailure failure(HttpResponse<?> response, String body, ChatCall call) {
    return AnthropicErrors.fromStatus(
        response.statusCode(),
        body,
        response.headers().firstValue("Retry-After"),
        ServerErrors.requestId(response.headers()),
        clock.instant(),
        call.apiKey());
  }

  private static boolean success(HttpResponse<?> response) {
    return response.statusCode() / 100 == 2;
  }

  private static String millis(Duration duration) {
    return duration.toMillis() + " ms";
  }
}
