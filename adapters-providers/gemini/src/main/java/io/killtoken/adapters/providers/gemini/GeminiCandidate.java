package io.killtoken.adapters.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One Gemini candidate, whole or as one streamed piece, read into what an OpenAI choice needs.
 *
 * @param index the OpenAI choice index (Gemini omits {@code index} when it is 0)
 * @param text the candidate's answer text; thoughts are not part of the answer
 * @param calls the function calls, each already an OpenAI {@code tool_calls} entry without index
 * @param finishReason Gemini's reason, or null while the candidate is still going
 */
record GeminiCandidate(int index, String text, List<ObjectNode> calls, String finishReason) {

  GeminiCandidate {
    calls = List.copyOf(calls);
  }

  /** Every candidate of a response, in order. */
  static List<GeminiCandidate> all(JsonNode response) {
    List<GeminiCandidate> candidates = new ArrayList<>();
    JsonNode list = response.path("candidates");
    for (int i = 0; i < list.size(); i++) {
      candidates.add(read(list.get(i), i));
    }
    return candidates;
  }

  private static GeminiCandidate read(JsonNode candidate, int position) {
    StringBuilder text = new StringBuilder();
    List<ObjectNode> calls = new ArrayList<>();
    for (JsonNode part : candidate.path("content").path("parts")) {
      if (part.path("thought").asBoolean(false)) {
        continue;
      }
      if (part.path("text").isTextual()) {
        text.append(part.get("text").asText());
      }
      if (part.path("functionCall").isObject()) {
        calls.add(toolCall(part));
      }
    }
    JsonNode index = candidate.path("index");
    JsonNode reason = candidate.path("finishReason");
    return new GeminiCandidate(
        index.canConvertToInt() ? index.asInt() : position,
        text.toString(),
        calls,
        reason.isTextual() ? reason.asText() : null);
  }

  // Gemini gives calls no id; OpenAI clients need one to answer the call with a tool message.
  private static ObjectNode toolCall(JsonNode part) {
    JsonNode call = part.get("functionCall");
    ObjectNode tool = GeminiWire.MAPPER.createObjectNode();
    tool.put("id", GeminiWire.id("call_")).put("type", "function");
    JsonNode args = call.path("args");
    tool.putObject("function")
        .put("name", call.path("name").asText(""))
        .put("arguments", args.isObject() ? args.toString() : "{}");
    if (part.path("thoughtSignature").isTextual()) {
      // Handed back on the next turn (see GeminiContents); the shape is Google's own.
      tool.putObject("extra_content")
          .putObject("google")
          .put("thought_signature", part.get("thoughtSignature").asText());
    }
    return tool;
  }

  /** The calls as an OpenAI {@code tool_calls} array, indexed from {@code first}. */
  ArrayNode toolCalls(int first) {
    ArrayNode array = GeminiWire.MAPPER.createArrayNode();
    for (int i = 0; i < calls.size(); i++) {
      ObjectNode entry = GeminiWire.MAPPER.createObjectNode().put("index", first + i);
      entry.setAll(calls.get(i));
      array.add(entry);
    }
    return array;
  }

  /** Characters of generated text: content, function names and arguments. */
  long chars() {
    long chars = text.length();
    for (ObjectNode call : calls) {
      chars += GeminiWire.textLength(call.path("function").path("name"));
      chars += GeminiWire.textLength(call.path("function").path("arguments"));
    }
    return chars;
  }
}
