package io.killtoken.adapters.http.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamAssemblyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Chunks as api.openai.com sends them with include_usage: usage null until the last one. */
  private static final String HEAD =
      "\"id\":\"chatcmpl-B9x\",\"object\":\"chat.completion.chunk\",\"created\":1764400000,"
          + "\"model\":\"gpt-4o-2024-08-06\",\"service_tier\":\"default\","
          + "\"system_fingerprint\":\"fp_f33640a400\"";

  private static String chunk(String delta, String finish) {
    return "{"
        + HEAD
        + ",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"logprobs\":null,\"finish_reason\":"
        + (finish == null ? "null" : "\"" + finish + "\"")
        + "}],\"usage\":null,\"obfuscation\":\"x1\"}";
  }

  private static final String USAGE =
      "{"
          + HEAD
          + ",\"choices\":[],\"usage\":{\"prompt_tokens\":81,\"completion_tokens\":40,"
          + "\"total_tokens\":121,\"prompt_tokens_details\":{\"cached_tokens\":0}}}";

  private static final List<String> TOOL_STREAM =
      List.of(
          chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", null),
          chunk("{\"content\":\"Let me\"}", null),
          chunk("{\"content\":\" check.\"}", null),
          chunk(
              "{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\","
                  + "\"function\":{\"name\":\"weather\",\"arguments\":\"\"}}]}",
              null),
          chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"ci\"}}]}", null),
          chunk(
              "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ty\\\":\\\"Paris\\\"}\"}}]}",
              null),
          chunk(
              "{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\","
                  + "\"function\":{\"name\":\"time\",\"arguments\":\"\"}}]}",
              null),
          chunk("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{}\"}}]}", null),
          chunk("{}", "tool_calls"),
          USAGE);

  private static Optional<String> assemble(List<String> chunks) {
    StreamAssembly assembly = new StreamAssembly();
    chunks.forEach(assembly::accept);
    return assembly.completion();
  }

  @Test
  void a_real_openai_stream_assembles_into_the_completion_a_json_request_gets() throws Exception {
    String expected =
        """
        {"id":"chatcmpl-B9x","object":"chat.completion","created":1764400000,
         "model":"gpt-4o-2024-08-06",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Let me check.",
           "refusal":null,"tool_calls":[
             {"id":"call_a","type":"function",
              "function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
             {"id":"call_b","type":"function","function":{"name":"time","arguments":"{}"}}]},
           "logprobs":null,"finish_reason":"tool_calls"}],
         "usage":{"prompt_tokens":81,"completion_tokens":40,"total_tokens":121,
           "prompt_tokens_details":{"cached_tokens":0}},
         "service_tier":"default","system_fingerprint":"fp_f33640a400"}""";

    assertEquals(JSON.readTree(expected), JSON.readTree(assemble(TOOL_STREAM).orElseThrow()));
  }

  @Test
  void content_is_null_when_a_stream_only_called_tools_after_an_empty_opening() throws Exception {
    List<String> chunks =
        List.of(
            chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
            chunk(
                "{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"now\",\"arguments\":\"{}\"}}]}",
                null),
            chunk("{}", "tool_calls"));

    JsonNode message = JSON.readTree(assemble(chunks).orElseThrow()).at("/choices/0/message");

    assertTrue(message.get("content").isNull());
    assertEquals("now", message.at("/tool_calls/0/function/name").asText());
  }

  @Test
  void tool_call_deltas_without_an_index_are_told_apart_by_their_id() throws Exception {
    List<String> chunks =
        List.of(
            chunk("{\"role\":\"assistant\"}", null),
            chunk("{\"tool_calls\":[{\"id\":\"c1\",\"function\":{\"name\":\"a\"}}]}", null),
            chunk("{\"tool_calls\":[{\"function\":{\"arguments\":\"{\\\"x\\\":1}\"}}]}", null),
            chunk(
                "{\"tool_calls\":[{\"id\":\"c2\",\"function\":{\"name\":\"b\",\"arguments\":\"{}\"}}]}",
                null),
            chunk("{}", "tool_calls"));

    JsonNode calls =
        JSON.readTree(assemble(chunks).orElseThrow()).at("/choices/0/message/tool_calls");

    assertEquals(2, calls.size());
    assertEquals("{\"x\":1}", calls.at("/0/function/arguments").asText());
    assertEquals("c2", calls.at("/1/id").asText());
  }

  @Test
  void a_refusal_assembles_with_null_content() throws Exception {
    List<String> chunks =
        List.of(
            chunk("{\"role\":\"assistant\",\"content\":null,\"refusal\":\"\"}", null),
            chunk("{\"refusal\":\"I can't help \"}", null),
            chunk("{\"refusal\":\"with that.\"}", null),
            chunk("{}", "stop"));

    JsonNode message = JSON.readTree(assemble(chunks).orElseThrow()).at("/choices/0/message");

    assertTrue(message.get("content").isNull());
    assertEquals("I can't help with that.", message.get("refusal").asText());
  }

  @Test
  void the_header_comes_from_the_first_chunk_that_has_it() throws Exception {
    String azureOpening =
        "{\"id\":\"\",\"object\":\"\",\"created\":0,\"model\":\"\",\"choices\":[],"
            + "\"prompt_filter_results\":[{\"prompt_index\":0}]}";
    List<String> chunks =
        List.of(
            azureOpening,
            chunk("{\"role\":\"assistant\",\"content\":\"hi\"}", null),
            chunk("{}", "stop"));

    JsonNode answer = JSON.readTree(assemble(chunks).orElseThrow());

    assertEquals("chatcmpl-B9x", answer.get("id").asText());
    assertEquals(1764400000, answer.get("created").asLong());
    assertEquals("gpt-4o-2024-08-06", answer.get("model").asText());
  }

  @Test
  void a_stream_cut_before_its_finish_reason_does_not_assemble() {
    assertEquals(Optional.empty(), assemble(TOOL_STREAM.subList(0, 8)));
  }

  @Test
  void a_stream_in_which_one_of_several_choices_did_not_finish_does_not_assemble() {
    String second =
        chunk("{\"role\":\"assistant\",\"content\":\"b\"}", null)
            .replace("\"index\":0", "\"index\":1");

    assertEquals(
        Optional.empty(), assemble(List.of(TOOL_STREAM.get(0), second, chunk("{}", "stop"))));
  }

  @Test
  void a_stream_missing_a_whole_choice_does_not_assemble() {
    String onlySecond = chunk("{\"content\":\"b\"}", "stop").replace("\"index\":0", "\"index\":1");

    assertEquals(Optional.empty(), assemble(List.of(onlySecond)));
  }

  @Test
  void a_stream_that_carried_an_error_does_not_assemble() {
    String error = "{\"error\":{\"message\":\"interrupted\",\"code\":\"stream_interrupted\"}}";

    assertEquals(
        Optional.empty(), assemble(List.of(TOOL_STREAM.get(0), error, chunk("{}", "stop"))));
  }

  @Test
  void a_chunk_that_is_not_a_json_object_spoils_the_assembly() {
    for (String bad : new String[] {"{not json", "[1,2]", "", null, "{\"choices\":{}}"}) {
      List<String> chunks = new java.util.ArrayList<>(TOOL_STREAM);
      chunks.add(3, bad);

      assertEquals(Optional.empty(), assemble(chunks), String.valueOf(bad));
    }
  }

  @Test
  void a_tool_call_without_an_id_does_not_assemble() {
    List<String> chunks =
        List.of(
            chunk(
                "{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"a\",\"arguments\":\"{}\"}}]}",
                null),
            chunk("{}", "tool_calls"));

    assertEquals(Optional.empty(), assemble(chunks));
  }

  @Test
  void an_empty_stream_does_not_assemble() {
    assertEquals(Optional.empty(), new StreamAssembly().completion());
    assertEquals(Optional.empty(), assemble(List.of(USAGE)));
  }

  @Test
  void an_answer_larger_than_the_limit_is_given_up() {
    StreamAssembly assembly = new StreamAssembly(10);
    TOOL_STREAM.forEach(assembly::accept);

    assertEquals(Optional.empty(), assembly.completion());
  }

  @Test
  void the_completion_can_be_asked_for_more_than_once() {
    StreamAssembly assembly = new StreamAssembly();
    TOOL_STREAM.forEach(assembly::accept);

    assertEquals(assembly.completion(), assembly.completion());
  }
}
