package io.killtoken.adapters.http.gateway;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.killtoken.application.gateway.ChatCommand;
import io.killtoken.application.gateway.ProxyChatCompletion;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.KillTokenException;
import io.killtoken.domain.provider.ChatAnswer;
import io.killtoken.domain.secret.Redaction;
import java.io.IOException;
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
    JsonNode body;
    try {
      body = JSON.readTree(ctx.body());
    } catch (JacksonException e) {
      throw new InvalidRequest("The body is not valid JSON.");
    } catch (IOException e) {
      throw new InvalidRequest("The body could not be read.");
    }
    if (body == null || !body.isObject()) {
      throw new InvalidRequest("The body must be a JSON object.");
    }
    JsonNode model = body.get("model");
    if (model == null || !model.isTextual()) {
      throw new InvalidRequest("'model' is required.");
    }
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw new InvalidRequest("'messages' must be a non-empty array.");
    }
    boolean stream = body.path("stream").asBoolean(false);
    boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
    return new ChatCommand(
        GatewayAccess.key(ctx),
        model.textValue(),
        // The client's own bytes, already checked to be JSON: no second serialisation per request.
        ctx.body(),
        stream,
        includeUsage,
        promptText(messages),
        CacheHeaders.directives(ctx));
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
