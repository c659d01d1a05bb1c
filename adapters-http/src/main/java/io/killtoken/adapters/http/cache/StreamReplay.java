package io.killtoken.adapters.http.cache;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a cached {@code chat.completion} as the {@code chat.completion.chunk}s a provider would
 * have streamed, so one cached answer also serves streaming requests (and, through the chunk
 * translation, Anthropic ones).
 *
 * <p>Per choice: a role chunk, the content in pieces, the refusal, each tool call (id, type and
 * name, then its arguments), and a finish chunk with an empty delta; then, only when the client
 * asked for {@code stream_options.include_usage}, the usage chunk with {@code choices: []}. The
 * choices follow one another rather than interleave, which the format allows.
 */
public final class StreamReplay {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StreamReplay() {}

  /**
   * @param completion a {@code chat.completion} JSON, as the cache stores it
   * @param includeUsage whether the client asked for the usage chunk; as OpenAI does, the other
   *     chunks then carry {@code usage: null}
   * @return the chunk JSONs, in order, without the SSE framing or {@code [DONE]}
   * @throws IllegalArgumentException when {@code completion} is not a {@code chat.completion}
   */
  public static List<String> chunks(String completion, boolean includeUsage) {
    JsonNode answer = parse(completion);
    ObjectNode head = head(answer);
    List<String> chunks = new ArrayList<>();
    for (JsonNode choice : answer.get("choices")) {
      for (ChoiceDelta delta : ChoiceReplay.deltas(choice)) {
        chunks.add(chunk(head, delta, includeUsage).toString());
      }
    }
    if (includeUsage && answer.path("usage").isObject()) {
      ObjectNode usage = head.deepCopy();
      usage.putArray("choices");
      usage.set("usage", answer.get("usage"));
      chunks.add(usage.toString());
    }
    return List.copyOf(chunks);
  }

  private static JsonNode parse(String completion) {
    JsonNode answer;
    try {
      answer = completion == null ? null : JSON.readTree(completion);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("The cached answer is not JSON.", e);
    }
    if (answer == null || !answer.path("choices").isArray()) {
      throw new IllegalArgumentException("The cached answer is not a chat.completion.");
    }
    return answer;
  }

  /** The fields every chunk repeats, in the order OpenAI writes them. */
  private static ObjectNode head(JsonNode answer) {
    ObjectNode head = JSON.createObjectNode();
    head.put("id", answer.path("id").asText("chatcmpl-cached"));
    head.put("object", "chat.completion.chunk");
    head.put("created", answer.path("created").asLong());
    head.put("model", answer.path("model").asText());
    for (String field : List.of("service_tier", "system_fingerprint")) {
      if (answer.path(field).isTextual()) {
        head.put(field, answer.get(field).textValue());
      }
    }
    return head;
  }

  private static ObjectNode chunk(ObjectNode head, ChoiceDelta delta, boolean includeUsage) {
    ObjectNode chunk = head.deepCopy();
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", delta.index());
    choice.set("delta", delta.delta());
    choice.putNull("logprobs");
    if (delta.finishReason() == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", delta.finishReason());
    }
    if (includeUsage) {
      chunk.putNull("usage");
    }
    return chunk;
  }
}
