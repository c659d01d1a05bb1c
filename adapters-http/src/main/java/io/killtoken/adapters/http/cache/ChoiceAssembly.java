package io.killtoken.adapters.http.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** One choice's deltas added up into its {@code message} and finish reason. */
final class ChoiceAssembly {

  private final int index;
  private final StringBuilder content = new StringBuilder();
  private final StringBuilder refusal = new StringBuilder();
  private final NavigableMap<Integer, ToolCallAssembly> calls = new TreeMap<>();
  private String role = "assistant";
  private boolean sawContent;
  private String finish;

  ChoiceAssembly(int index) {
    this.index = index;
  }

  /**
   * @return how many characters of text the choice grew by
   */
  long add(JsonNode choice) {
    long before = content.length() + refusal.length();
    JsonNode delta = choice.path("delta");
    if (delta.path("role").isTextual()) {
      role = delta.get("role").textValue();
    }
    if (delta.path("content").isTextual()) {
      sawContent = true;
      content.append(delta.get("content").textValue());
    }
    if (delta.path("refusal").isTextual()) {
      refusal.append(delta.get("refusal").textValue());
    }
    long grown = content.length() + refusal.length() - before;
    for (JsonNode call : delta.path("tool_calls")) {
      grown += call(call).add(call);
    }
    if (choice.path("finish_reason").isTextual()) {
      finish = choice.get("finish_reason").textValue();
    }
    return grown;
  }

  /**
   * @return the assembled choice, or empty when it never finished or a tool call lacks its id or
   *     name (a replay could not reproduce it)
   */
  Optional<ObjectNode> toJson(ObjectMapper json) {
    if (finish == null) {
      return Optional.empty();
    }
    ObjectNode choice = json.createObjectNode().put("index", index);
    ObjectNode message = choice.putObject("message").put("role", role);
    // Providers open a tool-call or refusal stream with content "" where the JSON answer has null.
    boolean noText = content.isEmpty() && (!calls.isEmpty() || !refusal.isEmpty());
    if (sawContent && !noText) {
      message.put("content", content.toString());
    } else {
      message.putNull("content");
    }
    if (refusal.isEmpty()) {
      message.putNull("refusal");
    } else {
      message.put("refusal", refusal.toString());
    }
    if (!calls.isEmpty()) {
      ArrayNode list = message.putArray("tool_calls");
      for (ToolCallAssembly call : calls.values()) {
        Optional<ObjectNode> assembled = call.toJson(json);
        if (assembled.isEmpty()) {
          return Optional.empty();
        }
        list.add(assembled.get());
      }
    }
    choice.putNull("logprobs");
    choice.put("finish_reason", finish);
    return Optional.of(choice);
  }

  /**
   * The call a delta belongs to: by its index; without one (some OpenAI-compatible servers), a new
   * id opens the next call and anything else continues the last.
   */
  private ToolCallAssembly call(JsonNode delta) {
    if (delta.path("index").canConvertToInt()) {
      return calls.computeIfAbsent(delta.get("index").asInt(), i -> new ToolCallAssembly());
    }
    String id = delta.path("id").textValue();
    if (calls.isEmpty() || id != null && !id.equals(calls.lastEntry().getValue().id())) {
      int next = calls.isEmpty() ? 0 : calls.lastKey() + 1;
      calls.put(next, new ToolCallAssembly());
    }
    return calls.lastEntry().getValue();
  }
}
