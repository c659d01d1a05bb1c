package io.killtoken.adapters.http.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamReplayTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static final String TEXT =
      """
      {"id":"chatcmpl-1","object":"chat.completion","created":1764000000,"model":"gpt-4o-mini",
       "choices":[{"index":0,"message":{"role":"assistant","content":"%s","refusal":null},
       "logprobs":null,"finish_reason":"stop"}],
       "usage":{"prompt_tokens":12,"completion_tokens":90,"total_tokens":102},
       "system_fingerprint":"fp_1"}"""
          .formatted("The quick brown fox jumps over the lazy dog. ".repeat(14).strip());

  static final String TOOLS_AND_TWO_CHOICES =
      """
      {"id":"chatcmpl-2","object":"chat.completion","created":1764000001,"model":"gpt-4o",
       "choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,
       "tool_calls":[{"id":"call_1","type":"function","function":{"name":"weather",
       "arguments":"{\\"city\\":\\"Paris\\"}"}},{"id":"call_2","type":"function",
       "function":{"name":"time","arguments":"{}"}}]},"logprobs":null,"finish_reason":"tool_calls"},
       {"index":1,"message":{"role":"assistant","content":"second","refusal":null},
       "logprobs":null,"finish_reason":"length"}],
       "usage":{"prompt_tokens":40,"completion_tokens":12,"total_tokens":52}}""";

  private static List<JsonNode> replay(String answer, boolean includeUsage) throws Exception {
    List<JsonNode> chunks = new ArrayList<>();
    for (String chunk : StreamReplay.chunks(answer, includeUsage)) {
      chunks.add(JSON.readTree(chunk));
    }
    return chunks;
  }

  /** What openai-java's ChatCompletionChunk requires (it is not a dependency of this module). */
  private static void assertSdkShape(JsonNode chunk, String id, long created, String model) {
    assertEquals(id, chunk.get("id").textValue());
    assertEquals("chat.completion.chunk", chunk.get("object").textValue());
    assertEquals(created, chunk.get("created").longValue());
    assertEquals(model, chunk.get("model").textValue());
    assertTrue(chunk.get("choices").isArray());
    for (JsonNode choice : chunk.get("choices")) {
      assertTrue(choice.get("index").isInt());
      assertTrue(choice.get("delta").isObject());
      assertTrue(choice.has("finish_reason"));
      for (JsonNode call : choice.get("delta").path("tool_calls")) {
        assertTrue(call.get("index").isInt());
      }
    }
  }

  @Test
  void every_chunk_has_the_fields_an_openai_sdk_requires() throws Exception {
    for (JsonNode chunk : replay(TEXT, true)) {
      assertSdkShape(chunk, "chatcmpl-1", 1764000000, "gpt-4o-mini");
      assertEquals("fp_1", chunk.get("system_fingerprint").textValue());
    }
    for (JsonNode chunk : replay(TOOLS_AND_TWO_CHOICES, true)) {
      assertSdkShape(chunk, "chatcmpl-2", 1764000001, "gpt-4o");
      assertFalse(chunk.has("system_fingerprint"));
    }
  }

  @Test
  void a_choice_opens_with_the_assistant_role_and_only_its_last_chunk_has_a_finish_reason()
      throws Exception {
    List<JsonNode> chunks = replay(TEXT, false);

    JsonNode opening = chunks.getFirst().at("/choices/0/delta");
    assertEquals("assistant", opening.get("role").asText());
    assertEquals("", opening.get("content").textValue());
    for (JsonNode chunk : chunks.subList(0, chunks.size() - 1)) {
      assertTrue(chunk.at("/choices/0/finish_reason").isNull());
    }
    JsonNode last = chunks.getLast().at("/choices/0");
    assertEquals("stop", last.get("finish_reason").asText());
    assertTrue(last.get("delta").isEmpty());
  }

  @Test
  void text_comes_in_a_few_word_aligned_pieces_not_one_chunk_per_character() throws Exception {
    List<JsonNode> chunks = replay(TEXT, false);
    StringBuilder text = new StringBuilder();
    for (JsonNode chunk : chunks.subList(1, chunks.size() - 1)) {
      String piece = chunk.at("/choices/0/delta/content").textValue();
      assertTrue(piece.length() <= ChoiceReplay.PIECE, piece);
      text.append(piece);
    }

    String content = JSON.readTree(TEXT).at("/choices/0/message/content").asText();
    assertEquals(content, text.toString());
    assertTrue(chunks.size() >= content.length() / ChoiceReplay.PIECE + 2, "" + chunks.size());
    assertTrue(chunks.size() <= 2 * content.length() / ChoiceReplay.PIECE + 3, "" + chunks.size());
    assertTrue(chunks.get(1).at("/choices/0/delta/content").asText().endsWith(" "));
  }

  @Test
  void a_piece_never_splits_a_surrogate_pair() {
    String text = "a" + "😀".repeat(100);

    List<String> pieces = ChoiceReplay.pieces(text);

    assertEquals(text, String.join("", pieces));
    for (String piece : pieces) {
      assertFalse(Character.isHighSurrogate(piece.charAt(piece.length() - 1)), piece);
      assertFalse(Character.isLowSurrogate(piece.charAt(0)), piece);
    }
  }

  @Test
  void a_tool_call_opens_with_its_id_type_and_name_then_streams_its_arguments() throws Exception {
    List<JsonNode> chunks = replay(TOOLS_AND_TWO_CHOICES, false);

    assertTrue(chunks.getFirst().at("/choices/0/delta/content").isNull());
    JsonNode opening = chunks.get(1).at("/choices/0/delta/tool_calls/0");
    assertEquals(0, opening.get("index").asInt());
    assertEquals("call_1", opening.get("id").asText());
    assertEquals("function", opening.get("type").asText());
    assertEquals("weather", opening.at("/function/name").asText());
    assertEquals("", opening.at("/function/arguments").asText());
    JsonNode arguments = chunks.get(2).at("/choices/0/delta/tool_calls/0");
    assertEquals(0, arguments.get("index").asInt());
    assertFalse(arguments.has("id"));
    assertEquals("{\"city\":\"Paris\"}", arguments.at("/function/arguments").asText());
    assertEquals(1, chunks.get(3).at("/choices/0/delta/tool_calls/0/index").asInt());
  }

  @Test
  void every_choice_finishes_with_its_own_reason() throws Exception {
    List<String> finishes = new ArrayList<>();
    for (JsonNode chunk : replay(TOOLS_AND_TWO_CHOICES, false)) {
      JsonNode choice = chunk.at("/choices/0");
      if (choice.get("finish_reason").isTextual()) {
        finishes.add(choice.get("index").asInt() + ":" + choice.get("finish_reason").asText());
      }
    }

    assertEquals(List.of("0:tool_calls", "1:length"), finishes);
  }

  @Test
  void the_usage_chunk_comes_last_and_only_when_the_client_asked() throws Exception {
    List<JsonNode> asked = replay(TEXT, true);
    JsonNode last = asked.getLast();

    assertEquals(0, last.get("choices").size());
    assertEquals(102, last.at("/usage/total_tokens").asInt());
    for (JsonNode chunk : asked.subList(0, asked.size() - 1)) {
      assertTrue(chunk.get("usage").isNull(), "OpenAI sends usage: null on the others");
    }
    for (JsonNode chunk : replay(TEXT, false)) {
      assertFalse(chunk.has("usage"));
      assertEquals(1, chunk.get("choices").size());
    }
  }

  @Test
  void an_answer_that_is_not_a_chat_completion_is_refused() {
    for (String bad : new String[] {"{nope", "[]", "{\"id\":\"x\"}", null}) {
      assertThrows(IllegalArgumentException.class, () -> StreamReplay.chunks(bad, false), bad);
    }
  }
}
