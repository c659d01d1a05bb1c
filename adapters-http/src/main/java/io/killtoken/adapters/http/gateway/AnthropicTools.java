package io.killtoken.adapters.http.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.error.InvalidRequest;

/**
 * Translates Anthropic client tools and {@code tool_choice} into OpenAI function tools. Anthropic's
 * server tools (web search, code execution, …) run on Anthropic's side and have no equivalent here.
 */
final class AnthropicTools {

  private AnthropicTools() {}

  static void translate(ObjectNode request, ObjectNode out) {
    ArrayNode functions = JsonNodeFactory.instance.arrayNode();
    JsonShape.optional(request, "tools").ifPresent(tools -> functions(tools, functions));
    JsonNode asked = JsonShape.optional(request, "tool_choice").orElse(null);
    JsonNode choice = asked == null ? null : choice(asked);
    boolean serial =
        asked != null
            && JsonShape.bool(
                asked.get("disable_parallel_tool_use"), "tool_choice.disable_parallel_tool_use");
    // OpenAI refuses tool_choice and parallel_tool_calls on a request without tools.
    if (functions.isEmpty()) {
      return;
    }
    out.set("tools", functions);
    if (choice != null) {
      out.set("tool_choice", choice);
    }
    if (serial) {
      out.put("parallel_tool_calls", false);
    }
  }

  private static void functions(JsonNode node, ArrayNode functions) {
    ArrayNode tools = JsonShape.array(node, "tools");
    for (int i = 0; i < tools.size(); i++) {
      String path = "tools[" + i + "]";
      ObjectNode tool = JsonShape.object(tools.get(i), path);
      JsonShape.optional(tool, "type")
          .map(type -> JsonShape.text(type, path + ".type"))
          .filter(type -> !type.equals("custom"))
          .ifPresent(
              type -> {
                throw new InvalidRequest(
                    "'"
                        + path
                        + "' is the Anthropic server tool '"
                        + JsonShape.clip(type)
                        + "'; /v1/messages supports client tools only.");
              });
      ObjectNode function = JsonNodeFactory.instance.objectNode();
      function.put("name", JsonShape.text(tool.get("name"), path + ".name"));
      JsonShape.optional(tool, "description")
          .ifPresent(d -> function.put("description", JsonShape.text(d, path + ".description")));
      function.set(
          "parameters", JsonShape.object(tool.get("input_schema"), path + ".input_schema"));
      JsonShape.optional(tool, "strict")
          .ifPresent(s -> function.put("strict", JsonShape.bool(s, path + ".strict")));
      functions.addObject().put("type", "function").set("function", function);
    }
  }

  private static JsonNode choice(JsonNode node) {
    ObjectNode choice = JsonShape.object(node, "tool_choice");
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return switch (JsonShape.text(choice.get("type"), "tool_choice.type")) {
      case "auto" -> nodes.textNode("auto");
      case "any" -> nodes.textNode("required");
      case "none" -> nodes.textNode("none");
      case "tool" -> {
        ObjectNode named = nodes.objectNode().put("type", "function");
        named
            .putObject("function")
            .put("name", JsonShape.text(choice.get("name"), "tool_choice.name"));
        yield named;
      }
      default ->
          throw JsonShape.invalid("tool_choice.type", "must be 'auto', 'any', 'tool' or 'none'");
    };
  }
}
