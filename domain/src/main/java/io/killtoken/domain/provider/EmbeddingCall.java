package io.killtoken.domain.provider;

import io.killtoken.domain.secret.PlainSecret;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One embeddings call to a provider: the OpenAI-format embeddings request body (its {@code model}
 * already set to the provider's model name), the tenant's own provider key (strict BYOK), and the
 * tenant credential's own base URL when it has one (see {@link ChatCall#baseUrl()}).
 */
public record EmbeddingCall(String model, String body, PlainSecret apiKey, Optional<URI> baseUrl) {

  public EmbeddingCall {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(baseUrl, "baseUrl");
  }

  /** A call to the provider's own (or the operator's) base URL. */
  public EmbeddingCall(String model, String body, PlainSecret apiKey) {
    this(model, body, apiKey, Optional.empty());
  }

  @Override
  public String toString() {
    return "EmbeddingCall[model=" + model + ", " + body.length() + " chars]";
  }
}
