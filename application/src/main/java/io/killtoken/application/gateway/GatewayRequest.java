package io.killtoken.application.gateway;

import io.killtoken.domain.apikey.ApiKey;
import java.util.List;
import java.util.Objects;

/**
 * What every gateway call has, whatever its endpoint: the caller's key, the requested model, the
 * OpenAI-format body, the prompt text (fingerprinted, never stored) and the models to fall back to.
 */
record GatewayRequest(
    ApiKey key,
    String model,
    String body,
    String promptText,
    boolean stream,
    List<String> fallbacks,
    CallLabels labels) {

  GatewayRequest {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(promptText, "promptText");
    fallbacks = List.copyOf(fallbacks);
    Objects.requireNonNull(labels, "labels");
  }

  @Override
  public String toString() {
    return "GatewayRequest[model=" + model + ", stream=" + stream + "]";
  }
}
