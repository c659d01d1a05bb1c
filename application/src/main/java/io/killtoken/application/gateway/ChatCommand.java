package io.killtoken.application.gateway;

import io.killtoken.domain.apikey.ApiKey;
import java.util.Objects;

/**
 * One chat completion request as the gateway received it, already authenticated.
 *
 * @param body the OpenAI-format request JSON
 * @param promptText the prompt's text, used only to compute its fingerprint and never stored
 * @param cache what the request asks of the response cache
 * @param labels the call's tags and end user
 */
public record ChatCommand(
    ApiKey key,
    String model,
    String body,
    boolean stream,
    boolean includeUsage,
    String promptText,
    CacheDirectives cache,
    CallLabels labels) {

  public ChatCommand {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(promptText, "promptText");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(labels, "labels");
  }

  /** A request without tags or an end user. */
  public ChatCommand(
      ApiKey key,
      String model,
      String body,
      boolean stream,
      boolean includeUsage,
      String promptText,
      CacheDirectives cache) {
    this(key, model, body, stream, includeUsage, promptText, cache, CallLabels.NONE);
  }

  /** A request with no cache directives. */
  public ChatCommand(
      ApiKey key,
      String model,
      String body,
      boolean stream,
      boolean includeUsage,
      String promptText) {
    this(key, model, body, stream, includeUsage, promptText, CacheDirectives.DEFAULT);
  }

  @Override
  public String toString() {
    return "ChatCommand[model=" + model + ", stream=" + stream + "]";
  }
}
