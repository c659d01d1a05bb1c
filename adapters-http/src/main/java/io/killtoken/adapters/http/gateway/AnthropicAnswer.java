package io.killtoken.adapters.http.gateway;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.error.RetriableUpstreamFailure;
import io.killtoken.domain.provider.ChatAnswer;
import io.killtoken.domain.usage.TokenUsage;
import java.util.UUID;

/**
 * Translates an OpenAI {@code chat.completion} answer into an Anthropic {@code message}: text and
 * refusals become text blocks, tool calls {@code tool_use} blocks, and the finish reason and usage
 * take Anthropic's names. The stream translation shares its stop reasons, usage and ids.
 */
final class AnthropicAnswer {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AnthropicAnswer() {}

  /** The Anthropic message JSON; {@code model} names the answer when the provider did not. */
  static String toAnthropic(ChatAnswer answer, String model) {
    JsonNode body = parse(answer.body());
    JsonNode choice = body.path("choices").path(0);
    JsonNode message = choice.path("message");
    ArrayNode content = NODES.arrayNode();
    String text = text(message.path("content"));
    if (!text.isEmpty()) {
      content.addObject().put("type", "text").put("text", text);
    }
    String refusal = message.path("refusal").asText("");
    if (!refusal.isEmpty()) {
      content.addObject().put("type", "text").put("text", refusal);
    }
    for (JsonNode call : message.path("tool_calls")) {
      ObjectNode block = content.addObject().put("type", "tool_use");
      block.put("id", toolUseId(call.path("id").asText("")));
      block.put("name", call.path("function").path("name").asText(""));
      block.set("input", input(call.path("function").path("arguments").asText("")));
      block.set("caller", directCaller());
    }
    String finish = choice.path("finish_reason").asText(answer.finishReason());
    ObjectNode out = NODES.objectNode();
    out.put("id", messageId(body.path("id").asText("")));
    out.put("type", "message");
    out.put("role", "assistant");
    out.put("model", body.path("model").asText(model));
    out.set("content", content);
    out.put(
        "stop_reason",
        stopReason(finish, !message.path("tool_calls").isEmpty(), !refusal.isEmpty()));
    // OpenAI never says which stop sequence ended the answer.
    out.putNull("stop_sequence");
    out.set("usage", usage(answer.usage()));
    return out.toString();
  }

  /** Anthropic's stop reason for an OpenAI finish reason. */
  static String stopReason(String finishReason, boolean calledTools, boolean refused) {
    if (refused) {
      return "refusal";
    }
    return switch (finishReason) {
      case "length" -> "max_tokens";
      case "tool_calls", "function_call" -> "tool_use";
      case "content_filter" -> "refusal";
      // Some providers say "stop" after a tool call; Anthropic clients look for tool_use.
      default -> calledTools ? "tool_use" : "end_turn";
    };
  }

  /** Anthropic counts cached prompt tokens apart from the rest of the input. */
  static ObjectNode usage(TokenUsage usage) {
    return NODES
        .objectNode()
        .put("input_tokens", usage.input() - usage.cachedInput())
        .put("cache_creation_input_tokens", 0)
        .put("cache_read_input_tokens", usage.cachedInput())
        .put("output_tokens", usage.output());
  }

  /** {@code msg_} and the upstream id, so the provider's logs still find the answer. */
  static String messageId(String upstreamId) {
    String id = upstreamId.replaceFirst("^chatcmpl-", "").replaceAll("[^A-Za-z0-9_-]", "");
    if (id.isEmpty()) {
      id = UUID.randomUUID().toString().replace("-", "");
    }
    return id.startsWith("msg_") ? id : "msg_" + id;
  }

  /** The upstream's tool call id, kept as is: the client sends it back in its tool_result. */
  static String toolUseId(String upstreamId) {
    return upstreamId.isEmpty()
        ? "toolu_" + UUID.randomUUID().toString().replace("-", "")
        : upstreamId;
  }

  /** Who called the tool: always the model itself here (Anthropic's SDKs require the field). */
  static ObjectNode directCaller() {
    return NODES.objectNode().put("type", "direct");
  }

  /** A tool call's arguments as the object Anthropic's {@code input} must be. */
  static ObjectNode input(String arguments) {
    if (arguments.isBlank()) {
      return NODES.objectNode();
    }
    try {
      if (JSON.readTree(arguments) instanceof ObjectNode object) {
        return object;
      }
    } catch (JacksonException malformed) {
      // Kept below rather than lost: the client decides what to do with what the model wrote.
    }
    return NODES.objectNode().put("_raw_arguments", arguments);
  }

  /** Message content as text: a string, or the text of an array of parts. */
  private static String text(JsonNode content) {
    if (content.isTextual()) {
      return content.textValue();
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : content) {
      text.append(part.path("text").asText(""));
    }
    return text.toString();
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (JacksonException e) {
      // Falls through to the failure below.
    }
    throw new RetriableUpstreamFailure("The provider's answer could not be read.", 502, null);
  }
}
