package io.killtoken.adapters.http.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayAssemblyRoundTripTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String REFUSAL =
      """
      {"id":"chatcmpl-3","object":"chat.completion","created":1764000002,"model":"gpt-4o",
       "choices":[{"index":0,"message":{"role":"assistant","content":null,
       "refusal":"I'm sorry, I can't help with that request."},"logprobs":null,
       "finish_reason":"stop"}],
       "usage":{"prompt_tokens":9,"completion_tokens":10,"total_tokens":19},
       "service_tier":"default","system_fingerprint":"fp_2"}""";

  private static String text(String content, String finish) throws Exception {
    return """
        {"id":"chatcmpl-4","object":"chat.completion","created":1764000003,"model":"m",
         "choices":[{"index":0,"message":{"role":"assistant","content":%s},
         "finish_reason":"%s"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}"""
        .formatted(JSON.writeValueAsString(content), finish);
  }

  private static JsonNode roundTrip(String answer, boolean includeUsage) throws Exception {
    StreamAssembly assembly = new StreamAssembly();
    StreamReplay.chunks(answer, includeUsage).forEach(assembly::accept);
    return JSON.readTree(assembly.completion().orElseThrow());
  }

  /** Logprobs are not replayed, and an absent refusal means the same as a null one. */
  private static JsonNode semantic(JsonNode answer) {
    JsonNode copy = answer.deepCopy();
    for (JsonNode choice : copy.path("choices")) {
      ((ObjectNode) choice).remove("logprobs");
      ObjectNode message = (ObjectNode) choice.get("message");
      if (message.path("refusal").isNull()) {
        message.remove("refusal");
      }
    }
    return copy;
  }

  @Test
  void a_replayed_answer_assembles_back_to_the_same_answer() throws Exception {
    List<String> answers =
        List.of(
            StreamReplayTest.TEXT,
            StreamReplayTest.TOOLS_AND_TWO_CHOICES,
            REFUSAL,
            text("", "length"),
            text("x", "stop"),
            text("😀 ".repeat(70) + "é\n\ttabs and\r\nnewlines \"quoted\" \\ end", "stop"),
            text("word".repeat(65), "content_filter"));
    for (String answer : answers) {
      assertEquals(semantic(JSON.readTree(answer)), semantic(roundTrip(answer, true)), answer);
    }
  }

  @Test
  void without_the_usage_chunk_everything_but_the_usage_comes_back() throws Exception {
    ObjectNode expected = (ObjectNode) semantic(JSON.readTree(StreamReplayTest.TEXT));
    expected.remove("usage");

    assertEquals(expected, semantic(roundTrip(StreamReplayTest.TEXT, false)));
  }

  @Test
  void text_of_every_length_around_the_piece_size_survives_the_round_trip() throws Exception {
    for (int length = 0; length <= 3 * ChoiceReplay.PIECE + 1; length++) {
      StringBuilder content = new StringBuilder();
      "ab cd😀".repeat(length).codePoints().limit(length).forEach(content::appendCodePoint);
      String answer = text(content.toString(), "stop");

      assertEquals(
          content.toString(),
          roundTrip(answer, false).at("/choices/0/message/content").textValue(),
          answer);
    }
  }
}
