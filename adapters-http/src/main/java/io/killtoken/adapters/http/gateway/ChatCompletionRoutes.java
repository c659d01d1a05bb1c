package io.killtoken.adapters.http.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.killtoken.adapters.http.json.StrictJson;
import io.killtoken.application.gateway.ChatCommand;
import io.killtoken.application.gateway.ProxyChatCompletion;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.KillTokenException;
import io.killtoken.domain.provider.ChatAnswer;
import io.killtoken.domain.secret.Redaction;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/chat/completions}: OpenAI Chat Completions, JSON or {@code stream: true} (SSE,
 * relayed chunk by chunk, ending with {@code data: [DONE]}).
 */
public final class ChatCompletionRoutes {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProxyChatCompletion proxy;

  public ChatCompletionRoutes(ProxyChatCompletion proxy) {
    this.proxy = proxy;
  }

  public void register(JavalinConfig config) {
    config.routes.post("/v1/chat/completions", this::complete);
  }

  private void complete(Context ctx) {
    ChatCommand command = command(ctx);
    if (!command.stream()) {
      ChatAnswer answer = proxy.complete(command, result -> CacheHeaders.answer(ctx, result));
      ctx.contentType("application/json").result(answer.body());
      return;
    }
    SseSink sink = new SseSink(ctx);
    try {
      if (!proxy.stream(command, new CachingStreamClient(ctx, sink, command.includeUsage()))
          .clientClosed()) {
        sink.done();
      }
    } catch (KillTokenException failure) {
      if (!sink.started()) {
        throw failure;
      }
      // Headers are gone: end the stream with an error event the OpenAI SDKs raise.
      sink.chunk(errorEvent(failure));
    }
  }

  private static ChatCommand command(Context ctx) {
    // The client's own bytes go on to the provider (no second serialisation per request): they
    // are checked to be UTF-8 and one JSON object, so that what the gateway reads is what it sends.
    String raw = StrictJson.utf8(ctx.bodyAsBytes());
    ObjectNode body = StrictJson.object(raw);
    JsonNode model = body.get("model");
    if (model == null || !model.isTextual()) {
      throw new InvalidRequest("'model' is required.");
    }
    ArrayNode messages = messages(body);
    boolean stream = JsonShape.bool(body.get("stream"), "stream");
    boolean includeUsage =
        JsonShape.optional(body, "stream_options")
            .map(options -> JsonShape.object(options, "stream_options").get("include_usage"))
            .map(include -> JsonShape.bool(include, "stream_options.include_usage"))
            .orElse(false);
    checkPricedAndCachedFields(body);
    return new ChatCommand(
        GatewayAccess.key(ctx),
        model.textValue(),
        raw,
        stream,
        includeUsage,
        promptText(messages),
        CacheHeaders.directives(ctx),
        CallLabelHeaders.of(ctx, body, raw));
  }

  /**
   * The messages, each an object with a role and text or parts: the prompt fingerprint reads them.
   */
  private static ArrayNode messages(ObjectNode body) {
    JsonNode node = body.get("messages");
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw new InvalidRequest("'messages' must be a non-empty array.");
    }
    ArrayNode messages = (ArrayNode) node;
    for (int i = 0; i < messages.size(); i++) {
      String path = "messages[" + i + "]";
      ObjectNode message = JsonShape.object(messages.get(i), path);
      JsonShape.text(message.get("role"), path + ".role");
      JsonNode content = JsonShape.optional(message, "content").orElse(null);
      if (content == null || content.isTextual()) {
        continue;
      }
      if (!content.isArray()) {
        throw JsonShape.invalid(path + ".content", "must be a string or an array");
      }
      for (int j = 0; j < content.size(); j++) {
        JsonShape.object(content.get(j), path + ".content[" + j + "]");
      }
    }
    return messages;
  }

  /**
   * The fields that decide whether an answer is cached (temperature, seed) and how much of the
   * budget a call holds (the token caps, {@code n}), and the tools, which the cache key and the
   * provider translations read: a wrong type would be priced, cached or translated as if absent.
   */
  private static void checkPricedAndCachedFields(ObjectNode body) {
    for (String name : List.of("temperature", "top_p", "presence_penalty", "frequency_penalty")) {
      JsonShape.optional(body, name).ifPresent(value -> JsonShape.number(value, name));
    }
    for (String name : List.of("max_tokens", "max_completion_tokens", "n", "seed")) {
      JsonShape.optional(body, name).ifPresent(value -> JsonShape.wholeNumber(value, name));
    }
    JsonShape.optional(body, "tools")
        .ifPresent(
            node -> {
              ArrayNode tools = JsonShape.array(node, "tools");
              for (int i = 0; i < tools.size(); i++) {
                JsonShape.object(tools.get(i), "tools[" + i + "]");
              }
            });
  }

  /** The text of every message, for the prompt fingerprint only (shared with /v1/messages). */
  static String promptText(JsonNode messages) {
    StringBuilder text = new StringBuilder();
    for (JsonNode message : messages) {
      text.append(message.path("role").asText()).append(": ");
      JsonNode content = message.path("content");
      if (content.isTextual()) {
        text.append(content.textValue());
      } else if (content.isArray()) {
        for (JsonNode part : content) {
          text.append(part.path("text").asText(part.toString()));
        }
      }
      text.append('\n');
    }
    return text.toString();
  }

  private static String errorEvent(KillTokenException failure) {
    try {
      return JSON.writeValueAsString(
          Map.of(
              "error",
              Map.of(
                  "message", Redaction.redact(failure.getMessage()),
                  "type", "upstream_error",
                  "code", "stream_interrupted")));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
