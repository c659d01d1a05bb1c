package io.killtoken.adapters.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.killtoken.domain.error.InvalidRequest;
import java.util.Optional;

/**
 * OpenAI's {@code response_format} as a system instruction. Anthropic's Messages API has no such
 * field, so JSON output is asked for in words: Claude follows it very reliably, but it is an
 * instruction, not the constrained decoding OpenAI's {@code strict} schemas give. The answer is
 * passed on exactly as Claude wrote it; nothing is parsed or repaired.
 */
final class JsonInstruction {

  static final String JSON_OBJECT =
      "Respond with a single valid JSON object and nothing else: no prose before or after it,"
          + " no Markdown code fences.";

  private JsonInstruction() {}

  /** The instruction for the request's response_format; none for text or no format. */
  static Optional<String> of(JsonNode responseFormat) {
    if (responseFormat.isMissingNode() || responseFormat.isNull()) {
      return Optional.empty();
    }
    String type = responseFormat.path("type").asText("");
    return switch (type) {
      case "text" -> Optional.empty();
      case "json_object" -> Optional.of(JSON_OBJECT);
      case "json_schema" -> Optional.of(schema(responseFormat.path("json_schema")));
      default -> throw new InvalidRequest("Unknown response_format type '" + type + "'.");
    };
  }

  private static String schema(JsonNode jsonSchema) {
    JsonNode schema = jsonSchema.path("schema");
    if (!schema.isObject()) {
      throw new InvalidRequest("response_format.json_schema.schema must be a JSON object.");
    }
    StringBuilder text =
        new StringBuilder(JSON_OBJECT).append(" The object must conform to this JSON Schema");
    if (jsonSchema.path("name").isTextual()) {
      text.append(" (named \"").append(jsonSchema.path("name").asText()).append("\")");
    }
    text.append(":\n").append(schema);
    if (jsonSchema.path("description").isTextual()) {
      text.append("\nWhat it is for: ").append(jsonSchema.path("description").asText());
    }
    return text.toString();
  }
}
