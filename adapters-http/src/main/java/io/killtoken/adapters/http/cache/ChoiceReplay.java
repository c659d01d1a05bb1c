package io.killtoken.adapters.http.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** One cached choice taken apart into the deltas a provider would have streamed for it. */
final class ChoiceReplay {

  /** About what a provider sends per chunk: pieces, not characters, and not one big chunk. */
  static final int PIECE = 64;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ChoiceReplay() {}

  static List<ChoiceDelta> deltas(JsonNode choice) {
    int index = choice.path("index").asInt(0);
    JsonNode message = choice.path("message");
    List<ChoiceDelta> deltas = new ArrayList<>();
    JsonNode content = message.path("content");
    // content stays null when the answer had none (tool calls), as OpenAI streams it.
    ObjectNode opening = NODES.objectNode().put("role", message.path("role").asText("assistant"));
    if (content.isTextual()) {
      opening.put("content", "");
    } else {
      opening.putNull("content");
    }
    deltas.add(new ChoiceDelta(index, opening, null));
    for (String piece : pieces(content.asText(""))) {
      deltas.add(new ChoiceDelta(index, NODES.objectNode().put("content", piece), null));
    }
    for (String piece : pieces(message.path("refusal").asText(""))) {
      deltas.add(new ChoiceDelta(index, NODES.objectNode().put("refusal", piece), null));
    }
    int call = 0;
    for (JsonNode toolCall : message.path("tool_calls")) {
      deltas.addAll(toolCall(index, call++, toolCall));
    }
    String finish = choice.path("finish_reason").asText("stop");
    deltas.add(new ChoiceDelta(index, NODES.objectNode(), finish));
    return deltas;
  }

  /** First the call's id, type and name with empty arguments, then the arguments in pieces. */
  private static List<ChoiceDelta> toolCall(int index, int call, JsonNode toolCall) {
    List<ChoiceDelta> deltas = new ArrayList<>();
    JsonNode function = toolCall.path("function");
    ObjectNode opening = NODES.objectNode();
    opening
        .putArray("tool_calls")
        .addObject()
        .put("index", call)
        .put("id", toolCall.path("id").asText())
        .put("type", toolCall.path("type").asText("function"))
        .putObject("function")
        .put("name", function.path("name").asText())
        .put("arguments", "");
    deltas.add(new ChoiceDelta(index, opening, null));
    for (String piece : pieces(function.path("arguments").asText(""))) {
      ObjectNode delta = NODES.objectNode();
      delta
          .putArray("tool_calls")
          .addObject()
          .put("index", call)
          .putObject("function")
          .put("arguments", piece);
      deltas.add(new ChoiceDelta(index, delta, null));
    }
    return deltas;
  }

  /**
   * Splits text into pieces of at most {@link #PIECE} characters, after a whitespace when one falls
   * in the second half of the piece, and never between the two halves of a surrogate pair: a lone
   * surrogate would reach the client as {@code ?} once encoded in UTF-8.
   */
  static List<String> pieces(String text) {
    List<String> pieces = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      int end = Math.min(text.length(), at + PIECE);
      if (end < text.length()) {
        int space = end - 1;
        while (space >= at + PIECE / 2 && !Character.isWhitespace(text.charAt(space))) {
          space--;
        }
        if (space >= at + PIECE / 2) {
          end = space + 1;
        } else if (Character.isHighSurrogate(text.charAt(end - 1))) {
          end--;
        }
      }
      pieces.add(text.substring(at, end));
      at = end;
    }
    return pieces;
  }
}
