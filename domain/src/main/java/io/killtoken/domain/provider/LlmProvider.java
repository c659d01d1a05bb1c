package io.killtoken.domain.provider;

import io.killtoken.domain.error.InvalidRequest;
import java.util.List;
import java.util.Optional;

/**
 * Port: one LLM provider, built by its adapter module's {@link ProviderModule}. Requests and
 * answers cross this port in the OpenAI Chat Completions wire format (JSON text), the gateway's
 * lingua franca; each provider translates to and from its own API, streams and errors.
 */
public interface LlmProvider {

  ProviderId id();

  /** The provider's own name rule for bare model names, e.g. {@code gpt-*} for OpenAI. */
  boolean servesModel(String model);

  /** The models this provider's catalog knows, for {@code GET /v1/models}. */
  List<String> models();

  /** List prices of a model, when the catalog knows it. */
  Optional<ModelPrice> price(String model);

  /**
   * One chat completion, non-streaming.
   *
   * @throws io.killtoken.domain.error.UpstreamFailure when the provider fails or times out
   */
  ChatAnswer chat(ChatCall call);

  /**
   * One chat completion, streamed: every OpenAI {@code chat.completion.chunk} JSON goes to the sink
   * as soon as it arrives. Usage is always requested from the provider; the sink receives the usage
   * chunk only when the call asks for it ({@link ChatCall#includeUsage()}).
   *
   * @throws io.killtoken.domain.error.UpstreamFailure when the call fails before the first chunk
   */
  StreamOutcome stream(ChatCall call, ChunkSink sink);

  /**
   * One embeddings call, in the OpenAI embeddings wire format both ways. Providers without an
   * embeddings API keep this default, which refuses the call with a clear 400.
   *
   * @throws io.killtoken.domain.error.UpstreamFailure when the provider fails or times out
   */
  default EmbeddingAnswer embed(EmbeddingCall call) {
    throw new InvalidRequest(
        "Provider '" + id().value() + "' does not offer embeddings through KillToken.");
  }
}
