package io.killtoken.adapters.http.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.error.InvalidRequest;
import java.util.Optional;

/**
 * Checks the shape of one node of a gateway request body and refuses a wrong one with a 400 that
 * names its path, e.g. {@code 'messages[2].content[0].source.type' must be 'base64' or 'url'.}
 */
final class JsonShape {

  private JsonShape() {}

  /** The node, when the field is present and not {@code null}. */
  static Optional<JsonNode> optional(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
  }

  static ObjectNode object(JsonNode node, String path) {
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw invalid(path, node == null || node.isNull() ? "is required" : "must be an object");
  }

  static ArrayNode array(JsonNode node, String path) {
    if (node instanceof ArrayNode array) {
      return array;
    }
    throw invalid(path, node == null || node.isNull() ? "is required" : "must be an array");
  }

  static String text(JsonNode node, String path) {
    if (node != null && node.isTextual()) {
      return node.textValue();
    }
    throw invalid(path, node == null || node.isNull() ? "is required" : "must be a string");
  }

  static boolean bool(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw invalid(path, "must be true or false");
    }
    return node.booleanValue();
  }

  /** A whole number that fits a long: counts and caps, never 1.5 or {@code "100"}. */
  static long wholeNumber(JsonNode node, String path) {
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw invalid(path, "must be a whole number");
    }
    return node.longValue();
  }

  static JsonNode number(JsonNode node, String path) {
    if (!node.isNumber()) {
      throw invalid(path, "must be a number");
    }
    return node;
  }

  static InvalidRequest invalid(String path, String rule) {
    return new InvalidRequest("'" + path + "' " + rule + ".");
  }

  /** A caller-chosen name made safe to echo in an error message. */
  static String clip(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9_.-]", "?");
    return safe.length() > 40 ? safe.substring(0, 40) + "…" : safe;
  }
}
