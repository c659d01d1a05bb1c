package io.killtoken.application.gateway;

import io.killtoken.domain.apikey.ApiKey;
import java.util.Objects;

/**
 * One embeddings request as the gateway received it, already authenticated.
 *
 * @param body the OpenAI-format embeddings request JSON
 * @param inputText the input's text, used only to compute its fingerprint and never stored
 */
public record EmbeddingCommand(ApiKey key, String model, String body, String inputText) {

  public EmbeddingCommand {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(inputText, "inputText");
  }

  @Override
  public String toString() {
    return "EmbeddingCommand[model=" + model + "]";
  }
}
