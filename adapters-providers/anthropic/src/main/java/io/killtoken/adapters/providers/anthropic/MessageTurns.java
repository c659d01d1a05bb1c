package io.killtoken.adapters.providers.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.error.InvalidRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI {@code messages} as Anthropic's shape: system and developer messages become the top-level
 * system prompt, tool results become user turns, and consecutive turns of one role are merged,
 * since Anthropic wants user and assistant to alternate.
 */
final class MessageTurns {

  private final List<ObjectNode> system = new ArrayList<>();
  private final ArrayNode turns = AnthropicWire.MAPPER.createArrayNode();

  private MessageTurns() {}

  static MessageTurns of(JsonNode messages) {
    if (!messages.isArray() || messages.isEmpty()) {
      throw new InvalidRequest("'messages' must be a non-empty array.");
    }
    MessageTurns out = new MessageTurns();
    for (JsonNode message : messages) {
      if (!message.isObject()) {
        throw new InvalidRequest("Each message must be a JSON object.");
      }
      String role = message.path("role").asText("");
      switch (role) {
        // Anthropic has one system prompt, before the conversation; OpenAI allows system
        // messages anywhere. They are gathered in order, which keeps every instruction.
        case "system", "developer" -> out.system.addAll(systemBlocks(message.get("content")));
        case "user" -> out.append("user", ContentBlocks.of(message.get("content")));
        case "assistant" -> out.append("assistant", assistantBlocks(message));
        case "tool" -> out.append("user", List.of(toolResult(message)));
        case "function" ->
            throw new InvalidRequest(
                "Legacy 'function' messages cannot be sent to Anthropic; use tools and 'tool'"
                    + " messages.");
        default -> throw new InvalidRequest("Unknown message role '" + role + "'.");
      }
    }
    return out;
  }

  /** The system prompt's text blocks, in order; empty when there was none. */
  List<ObjectNode> system() {
    return system;
  }

  /** The user and assistant turns, alternating. */
  ArrayNode turns() {
    return turns;
  }

  // An empty message adds nothing and Anthropic refuses empty turns, so it is left out.
  private void append(String role, List<ObjectNode> blocks) {
    if (blocks.isEmpty()) {
      return;
    }
    JsonNode last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
    if (last != null && last.path("role").asText().equals(role)) {
      ((ArrayNode) last.get("content")).addAll(blocks);
      return;
    }
    ObjectNode turn = turns.addObject();
    turn.put("role", role);
    turn.putArray("content").addAll(blocks);
  }

  private static List<ObjectNode> systemBlocks(JsonNode content) {
    List<ObjectNode> blocks = ContentBlocks.of(content);
    for (ObjectNode block : blocks) {
      if (!block.path("type").asText().equals("text")) {
        throw new InvalidRequest("System and developer messages may only hold text.");
      }
    }
    return blocks;
  }

  private static List<ObjectNode> assistantBlocks(JsonNode message) {
    List<ObjectNode> blocks = ContentBlocks.of(message.get("content"));
    for (JsonNode call : message.path("tool_calls")) {
      ObjectNode use = AnthropicWire.MAPPER.createObjectNode();
      use.put("type", "tool_use");
      use.put("id", required(call.path("id"), "tool_calls[].id"));
      use.put("name", required(call.path("function").path("name"), "tool_calls[].function.name"));
      use.set("input", input(call));
      blocks.add(use);
    }
    return blocks;
  }

  /** OpenAI carries tool arguments as a JSON string; Anthropic wants the object itself. */
  private static JsonNode input(JsonNode call) {
    String arguments = call.path("function").path("arguments").asText("");
    if (arguments.isBlank()) {
      return AnthropicWire.MAPPER.createObjectNode();
    }
    JsonNode input;
    try {
      input = AnthropicWire.MAPPER.readTree(arguments);
    } catch (JsonProcessingException e) {
      input = null;
    }
    if (input == null || !input.isObject()) {
      throw new InvalidRequest(
          "The arguments of tool call '" + call.path("id").asText() + "' are not a JSON object.");
    }
    return input;
  }

  private static ObjectNode toolResult(JsonNode message) {
    ObjectNode result = AnthropicWire.MAPPER.createObjectNode();
    result.put("type", "tool_result");
    result.put("tool_use_id", required(message.path("tool_call_id"), "tool_call_id"));
    List<ObjectNode> content = ContentBlocks.of(message.get("content"));
    if (!content.isEmpty()) {
      result.putArray("content").addAll(content);
    }
    return result;
  }

  private static String required(JsonNode value, String field) {
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw new InvalidRequest("'" + field + "' is required.");
    }
    return value.asText();
  }
}
