package io.killtoken.adapters.http.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A stored {@code chat.completion} replayed as the {@code chat.completion.chunk}s a provider would
 * have streamed: per choice a role chunk, the content in pieces, the tool calls (name, then
 * arguments), a finish chunk; then the usage chunk when the client asked for it.
 */
final class ChunkReplay {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PIECE = 64;

  private ChunkReplay() {}

  static List<String> chunks(String completion, boolean includeUsage) {
    JsonNode answer;
    try {
      answer = JSON.readTree(completion);
    } catch (IOException e) {
      throw new UncheckedIOException("a cached answer is not JSON", e);
    }
    List<String> chunks = new ArrayList<>();
    for (JsonNode choice : answer.path("choices")) {
      int index = choice.path("index").asInt();
      JsonNode message = choice.path("message");
      chunks.add(chunk(answer, index, delta().put("role", "assistant").put("content", ""), null));
      String content = message.path("content").asText("");
      for (int at = 0; at < content.length(); at += PIECE) {
        String piece = content.substring(at, Math.min(content.length(), at + PIECE));
        chunks.add(chunk(answer, index, delta().put("content", piece), null));
      }
      if (message.hasNonNull("refusal")) {
        chunks.add(
            chunk(answer, index, delta().put("refusal", message.get("refusal").asText()), null));
      }
      int callIndex = 0;
      for (JsonNode call : message.path("tool_calls")) {
        chunks.add(chunk(answer, index, toolCall(call, callIndex, true), null));
        chunks.add(chunk(answer, index, toolCall(call, callIndex, false), null));
        callIndex++;
      }
      chunks.add(chunk(answer, index, delta(), choice.path("finish_reason").asText("stop")));
    }
    if (includeUsage && answer.hasNonNull("usage")) {
      ObjectNode usage = head(answer);
      usage.putArray("choices");
      usage.set("usage", answer.get("usage"));
      chunks.add(usage.toString());
    }
    return chunks;
  }

  private static ObjectNode delta() {
    return JSON.createObjectNode();
  }

  private static ObjectNode toolCall(JsonNode call, int index, boolean opening) {
    ObjectNode delta = delta();
    ArrayNode calls = delta.putArray("tool_calls");
    ObjectNode item = calls.addObject().put("index", index);
    ObjectNode function = item.putObject("function");
    if (opening) {
      item.put("id", call.path("id").asText()).put("type", "function");
      function.put("name", call.path("function").path("name").asText()).put("arguments", "");
    } else {
      function.put("arguments", call.path("function").path("arguments").asText(""));
    }
    return delta;
  }

  private static String chunk(JsonNode answer, int index, ObjectNode delta, String finish) {
    ObjectNode chunk = head(answer);
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", index);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    return chunk.toString();
  }

  private static ObjectNode head(JsonNode answer) {
    ObjectNode chunk = JSON.createObjectNode();
    chunk.put("id", answer.path("id").asText("chatcmpl-cached"));
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", answer.path("created").asLong());
    chunk.put("model", answer.path("model").asText());
    if (answer.hasNonNull("system_fingerprint")) {
      chunk.put("system_fingerprint", answer.get("system_fingerprint").asText());
    }
    return chunk;
  }
}
