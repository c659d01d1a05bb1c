package io.killtoken.adapters.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.error.InvalidRequest;

/** OpenAI {@code tools}, {@code tool_choice} and {@code parallel_tool_calls} as Anthropic's. */
final class ToolDefinitions {

  private ToolDefinitions() {}

  /** Sets Anthropic's {@code tools} and {@code tool_choice} on {@code target} from the request. */
  static void translate(JsonNode request, ObjectNode target) {
    JsonNode tools = request.path("tools");
    if (request.has("functions") || request.has("function_call")) {
      throw new InvalidRequest(
          "Legacy 'functions' cannot be sent to Anthropic; declare them as 'tools'.");
    }
    // Without tools a tool_choice means nothing, and Anthropic would refuse it.
    if (!tools.isArray() || tools.isEmpty()) {
      return;
    }
    ArrayNode out = target.putArray("tools");
    for (JsonNode tool : tools) {
      out.add(tool(tool));
    }
    JsonNode sent = request.path("tool_choice");
    ObjectNode choice = choice(sent);
    boolean serial =
        request.path("parallel_tool_calls").isBoolean()
            && !request.path("parallel_tool_calls").asBoolean();
    // Anthropic's "none" takes no parallelism flag: no tool runs at all.
    if (serial && !choice.path("type").asText().equals("none")) {
      choice.put("disable_parallel_tool_use", true);
    }
    if (serial || !sent.isMissingNode() && !sent.isNull()) {
      target.set("tool_choice", choice);
    }
  }

  private static ObjectNode tool(JsonNode tool) {
    JsonNode function = tool.path("function");
    if (!tool.path("type").asText("function").equals("function") || !function.isObject()) {
      throw new InvalidRequest(
          "Only function tools can be sent to Anthropic, not '"
              + tool.path("type").asText()
              + "'.");
    }
    String name = function.path("name").asText("");
    if (name.isEmpty()) {
      throw new InvalidRequest("'tools[].function.name' is required.");
    }
    ObjectNode out = AnthropicWire.MAPPER.createObjectNode();
    out.put("name", name);
    if (function.path("description").isTextual()) {
      out.put("description", function.path("description").asText());
    }
    JsonNode parameters = function.path("parameters");
    if (parameters.isObject()) {
      out.set("input_schema", parameters.deepCopy());
    } else {
      // OpenAI allows a function without parameters; Anthropic requires a schema.
      ObjectNode empty = out.putObject("input_schema");
      empty.put("type", "object");
      empty.putObject("properties");
    }
    return out;
  }

  private static ObjectNode choice(JsonNode choice) {
    ObjectNode out = AnthropicWire.MAPPER.createObjectNode();
    if (choice.isMissingNode() || choice.isNull()) {
      out.put("type", "auto");
      return out;
    }
    if (choice.isTextual()) {
      switch (choice.asText()) {
        case "auto" -> out.put("type", "auto");
        case "required" -> out.put("type", "any");
        case "none" -> out.put("type", "none");
        default -> throw new InvalidRequest("Unknown tool_choice '" + choice.asText() + "'.");
      }
      return out;
    }
    String name = choice.path("function").path("name").asText("");
    if (!choice.path("type").asText().equals("function") || name.isEmpty()) {
      throw new InvalidRequest(
          "tool_choice must be auto, required, none or {\"type\":\"function\",\"function\":"
              + "{\"name\":…}} for Anthropic.");
    }
    out.put("type", "tool");
    out.put("name", name);
    return out;
  }
}
