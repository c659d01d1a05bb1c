package io.killtoken.adapters.http.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** One tool call's deltas added up: the id, type and name arrive once, the arguments in pieces. */
final class ToolCallAssembly {

  private final StringBuilder arguments = new StringBuilder();
  private String id;
  private String type = "function";
  private String name;

  String id() {
    return id;
  }

  /**
   * @return how many characters of arguments arrived
   */
  long add(JsonNode delta) {
    if (delta.path("id").isTextual()) {
      id = delta.get("id").textValue();
    }
    if (delta.path("type").isTextual()) {
      type = delta.get("type").textValue();
    }
    JsonNode function = delta.path("function");
    if (function.path("name").isTextual()) {
      name = function.get("name").textValue();
    }
    String piece = function.path("arguments").textValue();
    if (piece == null) {
      return 0;
    }
    arguments.append(piece);
    return piece.length();
  }

  /**
   * @return the call, or empty when the stream never said which call it was
   */
  Optional<ObjectNode> toJson(ObjectMapper json) {
    if (id == null || id.isEmpty() || name == null || name.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode call = json.createObjectNode().put("id", id).put("type", type);
    call.putObject("function").put("name", name).put("arguments", arguments.toString());
    return Optional.of(call);
  }
}
