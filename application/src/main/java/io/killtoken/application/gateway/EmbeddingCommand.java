package io.killtoken.application.gateway;

import io.killtoken.domain.apikey.ApiKey;
import java.util.Objects;

/**
 * One embeddings request as the gateway received it, already authenticated.
 *
 * @param body the OpenAI-format embeddings request JSON
 * @param inputText the input's text, used only to compute its fingerprint and never stored
 * @param labels the call's tags and end user
 */
public record EmbeddingCommand(
    ApiKey key, String model, String body, String inputText, CallLabels labels) {

  public EmbeddingCommand {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(inputText, "inputText");
    Objects.requireNonNull(labels, "labels");
  }

  /** A request without tags or an end user. */
  public EmbeddingCommand(ApiKey key, String model, String body, String inputText) {
    this(key, model, body, inputText, CallLabels.NONE);
  }

  @Override
  public String toString() {
    return "EmbeddingCommand[model=" + model + "]";
  }
}
