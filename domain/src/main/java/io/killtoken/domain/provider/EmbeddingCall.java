package io.killtoken.domain.provider;

import io.killtoken.domain.secret.PlainSecret;
import java.util.Objects;

/**
 * One embeddings call to a provider: the OpenAI-format embeddings request body (its {@code model}
 * already set to the provider's model name) and the tenant's own provider key (strict BYOK).
 */
public record EmbeddingCall(String model, String body, PlainSecret apiKey) {

  public EmbeddingCall {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(apiKey, "apiKey");
  }

  @Override
  public String toString() {
    return "EmbeddingCall[model=" + model + ", " + body.length() + " chars]";
  }
}
