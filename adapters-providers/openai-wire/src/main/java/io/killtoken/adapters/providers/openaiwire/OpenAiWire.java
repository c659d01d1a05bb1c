package io.killtoken.adapters.providers.openaiwire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.provider.ChatCall;
import io.killtoken.domain.provider.EmbeddingCall;
import io.killtoken.domain.usage.TokenUsage;
import java.util.Optional;

/**
 * The OpenAI Chat Completions and embeddings wire format as this library reads and writes it:
 * request bodies, usage, finish reasons, and the text a token estimate counts.
 */
final class OpenAiWire {

  static final ObjectMapper MAPPER = new ObjectMapper();

  /** The finish reason when the upstream never gave one. */
  static final String UNKNOWN_FINISH = "unknown";

  private OpenAiWire() {}

  /** The client's body with the provider's model name; everything else is passed on as sent. */
  static ObjectNode request(ChatCall call) {
    return request(call.body(), call.model());
  }

  /** The client's embeddings body with the provider's model name, passed on as sent otherwise. */
  static String embeddingsBody(EmbeddingCall call) {
    return request(call.body(), call.model()).toString();
  }

  private static ObjectNode request(String text, String model) {
    JsonNode body;
    try {
      body = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidRequest("The request body is not valid JSON.");
    }
    if (!(body instanceof ObjectNode object)) {
      throw new InvalidRequest("The request body must be a JSON object.");
    }
    object.put("model", model);
    return object;
  }

  /** The body of a JSON (non-streamed) call; shapes {@code request} in place. */
  static String jsonBody(ObjectNode request) {
    ObjectNode body = request;
    body.remove("stream");
    // OpenAI rejects stream_options on a request that does not stream.
    body.remove("stream_options");
    return body.toString();
  }

  /**
   * The body of a streamed call; shapes {@code request} in place (no copy of a long context).
   *
   * @param streamOptions false for a provider that refuses {@code stream_options}
   */
  static String streamBody(ObjectNode request, boolean streamOptions) {
    ObjectNode body = request;
    body.put("stream", true);
    if (!streamOptions) {
      // Even the client's own stream_options go: the provider would refuse the whole call.
      body.remove("stream_options");
      return body.toString();
    }
    // Usage is always asked for, whatever the client wanted: every stream must be accounted.
    // Other stream_options fields the client set are kept.
    ObjectNode options =
        body.get("stream_options") instanceof ObjectNode sent ? sent : body.objectNode();
    options.put("include_usage", true);
    body.set("stream_options", options);
    return body.toString();
  }

  /** The {@code usage} object of an answer or chunk, when it has one. */
  static Optional<TokenUsage> usage(JsonNode answer) {
    JsonNode usage = answer.path("usage");
    if (!usage.isObject()) {
      return Optional.empty();
    }
    long input = count(usage.path("prompt_tokens"));
    long output = count(usage.path("completion_tokens"));
    JsonNode details = usage.path("prompt_tokens_details").path("cached_tokens");
    // DeepSeek reports its prompt cache as prompt_cache_hit_tokens instead.
    long cached = count(details.isMissingNode() ? usage.path("prompt_cache_hit_tokens") : details);
    // TokenUsage refuses cached > input; an upstream's inconsistency must not fail the call.
    return Optional.of(new TokenUsage(input, output, Math.min(cached, input)));
  }

  /** The finish reason of the first choice, or null when this answer or chunk has none. */
  static String finishReason(JsonNode answer) {
    JsonNode reason = answer.path("choices").path(0).path("finish_reason");
    return reason.isTextual() ? reason.asText() : null;
  }

  /** A usage-only chunk: no choices, only the usage the client may or may not have asked for. */
  static boolean isUsageOnly(JsonNode chunk) {
    JsonNode choices = chunk.path("choices");
    return chunk.path("usage").isObject() && (choices.isMissingNode() || choices.isEmpty());
  }

  /** Characters of generated text in a chunk: content, refusals and tool-call arguments. */
  static long completionChars(JsonNode chunk) {
    long chars = 0;
    for (JsonNode choice : chunk.path("choices")) {
      JsonNode delta = choice.path("delta");
      chars += text(delta.path("content")) + text(delta.path("refusal"));
      for (JsonNode tool : delta.path("tool_calls")) {
        chars += text(tool.path("function").path("name"));
        chars += text(tool.path("function").path("arguments"));
      }
    }
    return chars;
  }

  /** Characters of the prompt: message contents (strings or text parts) and tool-call arguments. */
  static long promptChars(ObjectNode request) {
    long chars = 0;
    for (JsonNode message : request.path("messages")) {
      JsonNode content = message.path("content");
      if (content.isArray()) {
        for (JsonNode part : content) {
          chars += text(part.path("text"));
        }
      } else {
        chars += text(content);
      }
      for (JsonNode tool : message.path("tool_calls")) {
        chars += text(tool.path("function").path("arguments"));
      }
    }
    return chars;
  }

  /** The usual rough rule for English text: four characters a token, rounded up. */
  static long tokensFor(long chars) {
    return Math.ceilDiv(chars, 4);
  }

  private static long text(JsonNode node) {
    return node.isTextual() ? node.asText().length() : 0;
  }

  private static long count(JsonNode node) {
    return node.canConvertToLong() ? Math.max(0, node.asLong()) : 0;
  }
}
