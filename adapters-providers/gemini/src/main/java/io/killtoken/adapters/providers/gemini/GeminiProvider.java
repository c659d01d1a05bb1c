package io.killtoken.adapters.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import io.killtoken.domain.provider.EmbeddingAnswer;
import io.killtoken.domain.provider.EmbeddingCall;
import io.killtoken.domain.provider.LlmProvider;
import io.killtoken.domain.provider.ModelPrice;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.provider.ProviderSettings;
import io.killtoken.domain.provider.StreamOutcome;
import io.killtoken.domain.secret.PlainSecret;
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
import java.util.regex.Pattern;

/**
 * The Google Gemini provider: translates OpenAI chat, stream and embeddings calls to Gemini's
 * generateContent, streamGenerateContent and batchEmbedContents with the tenant's own key, and the
 * answers, usage and errors back. It never retries; the application decides. {@link #close()} ends
 * in-flight calls.
 */
public final class GeminiProvider implements LlmProvider, AutoCloseable {

  public static final ProviderId ID = new ProviderId("gemini");

  /**
   * A model name is a URL path segment: only these characters, so that no name can add a path
   * segment, a query, a method ({@code :}) or a host. Names with {@code ..} are refused too.
   */
  private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  // OpenAI owns text-embedding-3-small and text-embedding-ada-002; Gemini's are numbered only.
  private static final Pattern TEXT_EMBEDDING = Pattern.compile("text-embedding-\\d+");

  /** The most of an error body read to find Gemini's message. */
  private static final int ERROR_BODY_LIMIT = 64 * 1024;

  private final String base;
  private final ProviderSettings settings;
  private final GeminiPrices prices;
  private final InstantSource clock;
  private final UpstreamHttp http;

  GeminiProvider(URI baseUrl, ProviderSettings settings, GeminiPrices prices, InstantSource clock) {
    this.base = baseUrl.toString().replaceAll("/+$", "");
    this.settings = settings;
    this.prices = prices;
    this.clock = clock;
    this.http =
        new UpstreamHttp(
            "gemini",
            baseUrl,
            settings,
            new UpstreamHttp.Failures(GeminiErrors::notConnected, GeminiErrors::unreachable));
  }

  @Override
  public ProviderId id() {
    return ID;
  }

  @Override
  public boolean servesModel(String model) {
    return model.startsWith("gemini-") || TEXT_EMBEDDING.matcher(model).matches();
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
    URI uri = endpoint(call.baseUrl(), call.model(), ":generateContent");
    String body = GeminiRequest.from(GeminiWire.object(call.body())).toString();
    JsonNode answer = exchange(uri, body, call.apiKey());
    return GeminiAnswer.translate(answer, call.model(), clock.instant().getEpochSecond());
  }

  /**
   * {@inheritDoc}
   *
   * <p>A stream that fails after chunks were relayed (no data for the idle timeout, an error event
   * from Gemini, a connection cut before the answer was complete) also throws a {@link
   * RetriableUpstreamFailure}; the HTTP layer then ends the open SSE response with an error event,
   * and must not retry, since the client already has part of an answer.
   */
  @Override
  public StreamOutcome stream(ChatCall call, ChunkSink sink) {
    // alt=sse is the only query: the key never rides in the URL, which proxies and logs keep.
    URI uri = endpoint(call.baseUrl(), call.model(), ":streamGenerateContent?alt=sse");
    ObjectNode openAi = GeminiWire.object(call.body());
    long promptChars = GeminiWire.promptChars(openAi);
    String body = GeminiRequest.from(openAi).toString();
    long started = System.nanoTime();
    HttpResponse<InputStream> response = send(uri, body, call.apiKey(), "text/event-stream");
    try (IdleGuard guard = http.guard(response, started)) {
      if (!success(response)) {
        throw failure(response, readError(guard), call.apiKey());
      }
      // Read on the caller's thread, line by line as the bytes arrive; the guard closes the body
      // from its timer thread (never the reader, whose lock readLine holds) when it goes quiet.
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(guard.stream(), StandardCharsets.UTF_8));
      long created = clock.instant().getEpochSecond();
      try {
        return new GeminiStreamRelay(call, sink, promptChars, created).relay(lines);
      } catch (IOException e) {
        throw broken(guard);
      }
    }
  }

  @Override
  public EmbeddingAnswer embed(EmbeddingCall call) {
    URI uri = endpoint(call.baseUrl(), call.model(), ":batchEmbedContents");
    GeminiEmbeddings.Request request = GeminiEmbeddings.read(call.body());
    ArrayNode data = GeminiWire.MAPPER.createArrayNode();
    // More inputs than one Gemini batch holds go in several calls, one after the other; any
    // failure fails the whole request, as one OpenAI call would.
    for (List<String> batch : request.batches()) {
      String body = GeminiEmbeddings.batchBody(call.model(), batch, request.dimensions());
      JsonNode answer = exchange(uri, body, call.apiKey());
      GeminiEmbeddings.addVectors(answer, batch.size(), request.base64(), data);
    }
    return GeminiEmbeddings.answer(call.model(), request, data);
  }

  /** Ends in-flight calls and releases the client; call once the HTTP layer has drained. */
  @Override
  public void close() {
    http.close();
  }

  /** The tenant credential's own base URL (already SSRF-checked) wins over the fixed one. */
  private URI endpoint(Optional<URI> own, String model, String method) {
    if (!MODEL.matcher(model).matches() || model.contains("..")) {
      throw new InvalidRequest(
          "A Gemini model name may hold only letters, digits, '.', '_' and '-'.");
    }
    return URI.create(own.map(URI::toString).orElse(base) + "/models/" + model + method);
  }

  /** One JSON call: the answer as a JSON object, or the mapped failure. */
  private JsonNode exchange(URI uri, String body, PlainSecret key) {
    long started = System.nanoTime();
    HttpResponse<InputStream> response = send(uri, body, key, "application/json");
    try (IdleGuard guard = http.guard(response, started)) {
      if (!success(response)) {
        throw failure(response, readError(guard), key);
      }
      byte[] text;
      try {
        text = guard.stream().readAllBytes();
      } catch (IOException e) {
        throw broken(guard);
      }
      if (guard.fired()) {
        // The guard closed a body that went quiet; what was read of it is cut off.
        throw broken(guard);
      }
      JsonNode answer;
      try {
        answer = GeminiWire.MAPPER.readTree(text);
      } catch (IOException e) {
        answer = null;
      }
      if (answer == null || !answer.isObject()) {
        throw new RetriableUpstreamFailure(
            "Gemini: the answer is not a JSON object.", response.statusCode(), null);
      }
      return answer;
    }
  }

  private HttpResponse<InputStream> send(URI uri, String body, PlainSecret key, String accept) {
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(uri)
              .header("x-goog-api-key", key.value())
              .header("Content-Type", "application/json")
              .header("Accept", accept)
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build();
    } catch (IllegalArgumentException badHeaderValue) {
      // The JDK's message may quote the header value, that is the key: it is not passed on.
      throw new InvalidRequest(
          "The Gemini key stored for this tenant is not a valid header value.");
    }
    return http.send(request);
  }

  private String readError(IdleGuard guard) {
    try {
      return new String(guard.stream().readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw broken(guard);
    }
  }

  private UpstreamFailure broken(IdleGuard guard) {
    return guard.fired()
        ? GeminiErrors.unreachable("no data for " + millis(settings.idle()) + ".")
        : GeminiErrors.unreachable("the connection broke off.");
  }

  private UpstreamFailure failure(HttpResponse<?> response, String body, PlainSecret key) {
    return GeminiErrors.fromStatus(
        response.statusCode(),
        body,
        response.headers().firstValue("Retry-After"),
        ServerErrors.requestId(response.headers()),
        clock.instant(),
        key);
  }

  private static boolean success(HttpResponse<?> response) {
    return response.statusCode() / 100 == 2;
  }

  private static String millis(Duration duration) {
    return duration.toMillis() + " ms";
  }
}
