package io.killtoken.adapters.http.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.killtoken.adapters.http.json.StrictJson;
import io.killtoken.application.gateway.ChatCommand;
import io.killtoken.application.gateway.ProxyChatCompletion;
import io.killtoken.domain.error.KillTokenException;
import io.killtoken.domain.error.UpstreamFailure;
import io.killtoken.domain.provider.ChatAnswer;
import io.killtoken.domain.provider.StreamOutcome;
import io.killtoken.domain.secret.Redaction;

/**
 * {@code POST /v1/messages}: Anthropic's Messages API, JSON or {@code stream: true} (SSE), for
 * Anthropic SDK users. The request is translated into the OpenAI format every provider takes and
 * the answer back, so any provider serves it — the same use case as {@code /v1/chat/completions}.
 */
public final class MessageRoutes {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProxyChatCompletion proxy;

  public MessageRoutes(ProxyChatCompletion proxy) {
    this.proxy = proxy;
  }

  public void register(JavalinConfig config) {
    config.routes.post("/v1/messages", this::create);
  }

  private void create(Context ctx) {
    ObjectNode request = AnthropicRequest.toOpenAi(body(ctx));
    String model = request.get("model").textValue();
    boolean stream = request.path("stream").asBoolean(false);
    String sent = request.toString();
    ChatCommand command =
        new ChatCommand(
            GatewayAccess.key(ctx),
            model,
            sent,
            stream,
            stream,
            ChatCompletionRoutes.promptText(request.get("messages")),
            CacheHeaders.directives(ctx),
            CallLabelHeaders.of(ctx, request, sent));
    if (!stream) {
      ChatAnswer answer = proxy.complete(command, result -> CacheHeaders.answer(ctx, result));
      ctx.contentType("application/json").result(AnthropicAnswer.toAnthropic(answer, model));
      return;
    }
    SseSink sse = new SseSink(ctx);
    AnthropicStream events = new AnthropicStream(model, sse::event);
    try {
      StreamOutcome outcome =
          proxy.stream(command, new CachingStreamClient(ctx, events, command.includeUsage()));
      if (!outcome.clientClosed()) {
        events.finish(outcome);
      }
    } catch (KillTokenException failure) {
      if (!sse.started()) {
        throw failure;
      }
      // Headers are gone: end the stream with an error event the Anthropic SDKs raise.
      events.fail(errorType(failure), Redaction.redact(failure.getMessage()));
    }
  }

  private static JsonNode body(Context ctx) {
    return StrictJson.object(StrictJson.utf8(ctx.bodyAsBytes()));
  }

  /**
   * Anthropic's error type for a failure once the stream has begun. A cut connection and an idle
   * timeout look the same from here (no status), so both are the generic {@code api_error}.
   */
  private static String errorType(KillTokenException failure) {
    int status = failure instanceof UpstreamFailure upstream ? upstream.status() : 0;
    return switch (status) {
      case 429 -> "rate_limit_error";
      case 529 -> "overloaded_error";
      default -> "api_error";
    };
  }
}
