package io.killtoken.adapters.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.error.InvalidRequest;
import java.util.Map;

/**
 * Translates one OpenAI Chat Completions request into a Gemini {@code GenerateContentRequest}:
 * messages, tools and tool choice, and the generation settings Gemini can express. Settings it
 * cannot express (penalties, logit bias, logprobs, user, parallel_tool_calls, …) are dropped.
 */
final class GeminiRequest {

  /** Thinking budgets for OpenAI's reasoning efforts, as Google's own compatibility layer maps. */
  private static final Map<String, Integer> THINKING_BUDGETS =
      Map.of("low", 1024, "medium", 8192, "high", 24576);

  private GeminiRequest() {}

  /** The Gemini body for an OpenAI body. */
  static ObjectNode from(ObjectNode openAi) {
    ObjectNode gemini = GeminiWire.MAPPER.createObjectNode();
    GeminiContents.translate(openAi.path("messages"), gemini);
    ArrayNode declarations = declarations(openAi.path("tools"));
    if (!declarations.isEmpty()) {
      gemini.putArray("tools").addObject().set("functionDeclarations", declarations);
      ObjectNode calling = callingConfig(openAi.path("tool_choice"));
      if (calling != null) {
        gemini.putObject("toolConfig").set("functionCallingConfig", calling);
      }
    }
    ObjectNode generation = generationConfig(openAi);
    if (!generation.isEmpty()) {
      gemini.set("generationConfig", generation);
    }
    return gemini;
  }

  private static ArrayNode declarations(JsonNode tools) {
    ArrayNode declarations = GeminiWire.MAPPER.createArrayNode();
    for (JsonNode tool : tools) {
      if (!"function".equals(tool.path("type").asText("function"))) {
        // Dropping a tool would change what the model may do; a clear 400 is more honest.
        throw new InvalidRequest(
            "Tool type '" + tool.path("type").asText() + "' has no Gemini form.");
      }
      JsonNode function = tool.path("function");
      String name = function.path("name").asText("");
      if (name.isEmpty()) {
        throw new InvalidRequest("Every tool needs a function name.");
      }
      ObjectNode declaration = declarations.addObject().put("name", name);
      if (function.path("description").isTextual()) {
        declaration.put("description", function.get("description").asText());
      }
      if (function.path("parameters").isObject()) {
        ObjectNode parameters = GeminiSchemas.toGemini(function.get("parameters"));
        // Gemini refuses an object without properties; a function without arguments simply
        // declares no parameters.
        if (!GeminiSchemas.declaresNoProperties(parameters)) {
          declaration.set("parameters", parameters);
        }
      }
    }
    return declarations;
  }

  private static ObjectNode callingConfig(JsonNode choice) {
    ObjectNode config = GeminiWire.MAPPER.createObjectNode();
    if (choice.isTextual()) {
      String mode =
          switch (choice.asText()) {
            case "auto" -> "AUTO";
            case "none" -> "NONE";
            case "required" -> "ANY";
            default -> throw new InvalidRequest("Unknown tool_choice '" + choice.asText() + "'.");
          };
      return config.put("mode", mode);
    }
    String name = choice.path("function").path("name").asText("");
    if (!name.isEmpty()) {
      config.put("mode", "ANY").putArray("allowedFunctionNames").add(name);
      return config;
    }
    return null;
  }

  private static ObjectNode generationConfig(ObjectNode openAi) {
    ObjectNode config = GeminiWire.MAPPER.createObjectNode();
    copyNumber(openAi, "temperature", config, "temperature");
    copyNumber(openAi, "top_p", config, "topP");
    // max_completion_tokens replaced max_tokens; a client sending both means the newer one.
    copyNumber(
        openAi,
        openAi.path("max_completion_tokens").isNumber() ? "max_completion_tokens" : "max_tokens",
        config,
        "maxOutputTokens");
    copyNumber(openAi, "n", config, "candidateCount");
    copyNumber(openAi, "seed", config, "seed");
    JsonNode stop = openAi.path("stop");
    if (stop.isTextual()) {
      config.putArray("stopSequences").add(stop.asText());
    } else if (stop.isArray() && !stop.isEmpty()) {
      config.set("stopSequences", stop.deepCopy());
    }
    responseFormat(openAi.path("response_format"), config);
    Integer budget = THINKING_BUDGETS.get(openAi.path("reasoning_effort").asText(""));
    if (budget != null) {
      config.putObject("thinkingConfig").put("thinkingBudget", budget);
    }
    return config;
  }

  private static void responseFormat(JsonNode format, ObjectNode config) {
    switch (format.path("type").asText("text")) {
      case "json_object" -> config.put("responseMimeType", "application/json");
      case "json_schema" -> {
        config.put("responseMimeType", "application/json");
        JsonNode schema = format.path("json_schema").path("schema");
        if (schema.isObject()) {
          config.set("responseSchema", GeminiSchemas.toGemini(schema));
        }
      }
      default -> {
        // "text" is Gemini's default as well.
      }
    }
  }

  private static void copyNumber(JsonNode from, String name, ObjectNode to, String as) {
    JsonNode value = from.path(name);
    if (value.isNumber()) {
      to.set(as, value.deepCopy());
    }
  }
}
