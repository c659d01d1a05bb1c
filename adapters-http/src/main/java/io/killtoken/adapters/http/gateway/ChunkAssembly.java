package io.killtoken.adapters.http.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Adds the {@code chat.completion.chunk}s of a stream up to the {@code chat.completion} a JSON call
 * would have answered, so a streamed answer can be cached and served to either kind of request.
 * Only a stream in which every choice finished (and nothing was malformed) assembles.
 */
final class ChunkAssembly {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<Integer, Choice> choices = new TreeMap<>();
  private JsonNode head;
  private JsonNode usage;
  private boolean broken;

  void accept(String chunk) {
    if (broken) {
      return;
    }
    JsonNode node;
    try {
      node = JSON.readTree(chunk);
    } catch (IOException e) {
      broken = true;
      return;
    }
    if (node.has("error") || !node.path("choices").isArray()) {
      broken = true;
      return;
    }
    if (head == null) {
      head = node;
    }
    if (node.hasNonNull("usage")) {
      usage = node.get("usage");
    }
    for (JsonNode choice : node.path("choices")) {
      choices.computeIfAbsent(choice.path("index").asInt(), i -> new Choice()).add(choice);
    }
  }

  Optional<String> completion() {
    if (broken || head == null || choices.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("id", head.path("id").asText());
    answer.put("object", "chat.completion");
    answer.put("created", head.path("created").asLong());
    answer.put("model", head.path("model").asText());
    var list = answer.putArray("choices");
    for (Map.Entry<Integer, Choice> entry : choices.entrySet()) {
      Optional<ObjectNode> choice = entry.getValue().toJson(entry.getKey());
      if (choice.isEmpty()) {
        return Optional.empty();
      }
      list.add(choice.get());
    }
    if (usage != null) {
      answer.set("usage", usage);
    }
    if (head.hasNonNull("system_fingerprint")) {
      answer.put("system_fingerprint", head.get("system_fingerprint").asText());
    }
    return Optional.of(answer.toString());
  }

  /** One choice's deltas, summed. */
  private static final class Choice {
    private final StringBuilder content = new StringBuilder();
    private final StringBuilder refusal = new StringBuilder();
    private final Map<Integer, ToolCall> calls = new TreeMap<>();
    private boolean sawContent;
    private String finish;

    void add(JsonNode choice) {
      JsonNode delta = choice.path("delta");
      if (delta.hasNonNull("content")) {
        sawContent = true;
        content.append(delta.get("content").asText());
      }
      if (delta.hasNonNull("refusal")) {
        refusal.append(delta.get("refusal").asText());
      }
      for (JsonNode call : delta.path("tool_calls")) {
        calls.computeIfAbsent(call.path("index").asInt(), i -> new ToolCall()).add(call);
      }
      if (choice.hasNonNull("finish_reason")) {
        finish = choice.get("finish_reason").asText();
      }
    }

    Optional<ObjectNode> toJson(int index) {
      if (finish == null) {
        return Optional.empty(); // the stream ended before this choice did
      }
      ObjectNode choice = JSON.createObjectNode().put("index", index);
      ObjectNode message = choice.putObject("message").put("role", "assistant");
      if (sawContent && (!content.isEmpty() || calls.isEmpty())) {
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
        var list = message.putArray("tool_calls");
        calls.values().forEach(call -> list.add(call.toJson()));
      }
      choice.putNull("logprobs");
      choice.put("finish_reason", finish);
      return Optional.of(choice);
    }
  }

  /** One tool call's deltas, summed. */
  private static final class ToolCall {
    private String id;
    private String name;
    private final StringBuilder arguments = new StringBuilder();

    void add(JsonNode call) {
      if (call.hasNonNull("id")) {
        id = call.get("id").asText();
      }
      JsonNode function = call.path("function");
      if (function.hasNonNull("name")) {
        name = function.get("name").asText();
      }
      if (function.hasNonNull("arguments")) {
        arguments.append(function.get("arguments").asText());
      }
    }

    ObjectNode toJson() {
      ObjectNode call = JSON.createObjectNode().put("id", id).put("type", "function");
      call.putObject("function").put("name", name).put("arguments", arguments.toString());
      return call;
    }
  }
}
