package io.killtoken.adapters.http.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChunkReplayAndAssemblyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String TEXT =
      """
      {"id":"chatcmpl-1","object":"chat.completion","created":1764000000,"model":"gpt-4o-mini",
       "choices":[{"index":0,"message":{"role":"assistant","content":"%s","refusal":null},
       "logprobs":null,"finish_reason":"stop"}],
       "usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17},
       "system_fingerprint":"fp_1"}"""
          .formatted("word ".repeat(40).strip());

  private static final String TOOLS =
      """
      {"id":"chatcmpl-2","object":"chat.completion","created":1764000001,"model":"gpt-4o",
       "choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,
       "tool_calls":[{"id":"call_1","type":"function","function":{"name":"weather",
       "arguments":"{\\"city\\":\\"Paris\\"}"}},{"id":"call_2","type":"function",
       "function":{"name":"time","arguments":"{}"}}]},"logprobs":null,"finish_reason":"tool_calls"},
       {"index":1,"message":{"role":"assistant","content":"second","refusal":null},
       "logprobs":null,"finish_reason":"length"}],
       "usage":{"prompt_tokens":40,"completion_tokens":12,"total_tokens":52}}""";

  @Test
  void a_replayed_answer_assembles_back_to_the_same_answer() throws Exception {
    for (String answer : List.of(TEXT, TOOLS)) {
      ChunkAssembly assembly = new ChunkAssembly();
      ChunkReplay.chunks(answer, true).forEach(assembly::accept);

      assertEquals(JSON.readTree(answer), JSON.readTree(assembly.completion().orElseThrow()));
    }
  }

  @Test
  void replayed_chunks_have_the_shape_sdks_parse_and_text_comes_in_pieces() throws Exception {
    List<String> chunks = ChunkReplay.chunks(TEXT, false);

    assertTrue(chunks.size() > 3 && chunks.size() < 10, "pieces, not characters: " + chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      JsonNode chunk = JSON.readTree(chunks.get(i));
      assertEquals("chatcmpl-1", chunk.get("id").asText());
      assertEquals("chat.completion.chunk", chunk.get("object").asText());
      assertEquals(1764000000, chunk.get("created").asLong());
      assertEquals("gpt-4o-mini", chunk.get("model").asText());
      JsonNode choice = chunk.get("choices").get(0);
      assertEquals(0, choice.get("index").asInt());
      assertTrue(choice.get("delta").isObject());
      boolean last = i == chunks.size() - 1;
      assertEquals(last ? "stop" : null, choice.get("finish_reason").textValue());
    }
    assertEquals(
        "assistant", JSON.readTree(chunks.getFirst()).at("/choices/0/delta/role").asText());
  }

  @Test
  void the_usage_chunk_comes_only_when_asked() throws Exception {
    JsonNode last = JSON.readTree(ChunkReplay.chunks(TEXT, true).getLast());

    assertEquals(0, last.get("choices").size());
    assertEquals(17, last.at("/usage/total_tokens").asInt());
    assertTrue(ChunkReplay.chunks(TEXT, false).stream().noneMatch(c -> c.contains("\"usage\"")));
  }

  @Test
  void a_stream_that_did_not_finish_or_carried_an_error_does_not_assemble() {
    List<String> chunks = ChunkReplay.chunks(TEXT, false);
    ChunkAssembly cut = new ChunkAssembly();
    chunks.subList(0, chunks.size() - 1).forEach(cut::accept);
    ChunkAssembly failed = new ChunkAssembly();
    chunks.forEach(failed::accept);
    failed.accept("{\"error\":{\"message\":\"interrupted\"}}");

    assertEquals(Optional.empty(), cut.completion());
    assertEquals(Optional.empty(), failed.completion());
    assertEquals(Optional.empty(), new ChunkAssembly().completion());
  }
}
