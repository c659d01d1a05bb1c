package io.killtoken.adapters.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.provider.ChatAnswer;
import io.killtoken.domain.usage.TokenUsage;

/**
 * Translates an Anthropic Messages answer into an OpenAI {@code chat.completion}: text blocks
 * joined into the content, tool_use blocks as tool calls, the stop reason as a finish reason, and
 * the usage with cache reads as cached prompt tokens. Thinking blocks are not part of an OpenAI
 * answer and are left out.
 */
final class MessagesAnswer {

  private MessagesAnswer() {}

  /**
   * The OpenAI answer for one Anthropic message.
   *
   * @param model the model asked for, used when Anthropic's answer does not name one
   * @param created the answer's time, epoch seconds
   */
  static ChatAnswer toOpenAi(JsonNode message, String model, long created) {
    StringBuilder text = new StringBuilder();
    boolean hasText = false;
    ArrayNode toolCalls = AnthropicWire.MAPPER.createArrayNode();
    for (JsonNode block : message.path("content")) {
      switch (block.path("type").asText("")) {
        case "text" -> {
          text.append(block.path("text").asText(""));
          hasText = true;
        }
        case "tool_use" -> toolCalls.add(toolCall(block));
        default -> {
          // thinking, redacted_thinking and server tool blocks have no OpenAI counterpart.
        }
      }
    }
    TokenUsage usage = usage(message.path("usage"));
    JsonNode stopReason = message.path("stop_reason");
    // A non-streamed message is complete by definition; one without a reason still ended.
    String finish =
        stopReason.isTextual() ? AnthropicWire.finishReason(stopReason.asText()) : "stop";

    ObjectNode answer = AnthropicWire.MAPPER.createObjectNode();
    answer.put("id", message.path("id").asText("msg"));
    answer.put("object", "chat.completion");
    answer.put("created", created);
    answer.put("model", message.path("model").asText(model));
    ObjectNode choice = answer.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode reply = choice.putObject("message");
    reply.put("role", "assistant");
    // OpenAI's content is null, not "", when the model only called tools.
    if (hasText) {
      reply.put("content", text.toString());
    } else {
      reply.putNull("content");
    }
    reply.putNull("refusal");
    if (!toolCalls.isEmpty()) {
      reply.set("tool_calls", toolCalls);
    }
    choice.putNull("logprobs");
    choice.put("finish_reason", finish);
    answer.set("usage", AnthropicWire.openAiUsage(usage));
    return new ChatAnswer(answer.toString(), usage, finish);
  }

  static TokenUsage usage(JsonNode usage) {
    return AnthropicWire.usage(
        AnthropicWire.count(usage.path("input_tokens")),
        AnthropicWire.count(usage.path("cache_read_input_tokens")),
        AnthropicWire.count(usage.path("cache_creation_input_tokens")),
        AnthropicWire.count(usage.path("output_tokens")));
  }

  private static ObjectNode toolCall(JsonNode block) {
    ObjectNode call = AnthropicWire.MAPPER.createObjectNode();
    call.put("id", block.path("id").asText(""));
    call.put("type", "function");
    ObjectNode function = call.putObject("function");
    function.put("name", block.path("name").asText(""));
    JsonNode input = block.path("input");
    function.put("arguments", input.isObject() ? input.toString() : "{}");
    return call;
  }
}
