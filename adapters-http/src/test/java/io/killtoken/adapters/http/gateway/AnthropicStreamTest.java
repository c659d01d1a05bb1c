package io.killtoken.adapters.http.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.killtoken.domain.provider.StreamOutcome;
import io.killtoken.domain.usage.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicStreamTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One event as the client would read it. */
  record Event(String name, JsonNode data) {}

  private final List<Event> sent = new ArrayList<>();
  private boolean clientThere = true;
  private final AnthropicStream stream =
      new AnthropicStream(
          "gpt-4o-mini",
          (name, json) -> {
            if (!clientThere) {
              return false;
            }
            sent.add(new Event(name, json(json)));
            return true;
          });

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static String chunk(String delta, String finish) {
    return ("{'id':'chatcmpl-s1','object':'chat.completion.chunk','model':'gpt-4o-mini-2024',"
            + "'choices':[{'index':0,'delta':"
            + delta
            + ",'finish_reason':"
            + (finish == null ? "null" : "'" + finish + "'")
            + "}]}")
        .replace('\'', '"');
  }

  private static String toolDelta(int index, String id, String name, String arguments) {
    String head = id == null ? "" : "'id':'" + id + "','type':'function',";
    String fn = name == null ? "" : "'name':'" + name + "',";
    return "{'tool_calls':[{'index':"
        + index
        + ","
        + head
        + "'function':{"
        + fn
        + "'arguments':'"
        + arguments.replace("\"", "\\\"")
        + "'}}]}";
  }

  private List<String> names() {
    return sent.stream().map(Event::name).toList();
  }

  @Test
  void a_text_stream_becomes_anthropics_event_sequence_with_the_usage_at_the_end() {
    stream.chunk(chunk("{'role':'assistant','content':''}", null));
    stream.chunk(chunk("{'content':'Hel'}", null));
    stream.chunk(chunk("{'content':'lo.'}", null));
    stream.chunk(chunk("{}", "stop"));
    stream.chunk(
        "{\"id\":\"chatcmpl-s1\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,"
            + "\"completion_tokens\":2,\"total_tokens\":11}}");
    stream.finish(new StreamOutcome(new TokenUsage(9, 2, 3), false, false, "stop"));

    assertEquals(
        List.of(
            "message_start",
            "content_block_start",
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop"),
        names());
    assertEquals(
        json(
            """
            {'type':'message_start','message':{'id':'msg_s1','type':'message','role':'assistant',
             'model':'gpt-4o-mini-2024','content':[],'stop_reason':null,'stop_sequence':null,
             'usage':{'input_tokens':0,'cache_creation_input_tokens':0,
                      'cache_read_input_tokens':0,'output_tokens':0}}}
            """),
        sent.get(0).data());
    assertEquals(
        json("{'type':'content_block_start','index':0,'content_block':{'type':'text','text':''}}"),
        sent.get(1).data());
    assertEquals(
        json("{'type':'content_block_delta','index':0,'delta':{'type':'text_delta','text':'Hel'}}"),
        sent.get(2).data());
    assertEquals(json("{'type':'content_block_stop','index':0}"), sent.get(4).data());
    assertEquals(
        json(
            """
            {'type':'message_delta','delta':{'stop_reason':'end_turn','stop_sequence':null},
             'usage':{'input_tokens':6,'cache_creation_input_tokens':0,
                      'cache_read_input_tokens':3,'output_tokens':2}}
            """),
        sent.get(5).data());
    assertEquals(json("{'type':'message_stop'}"), sent.get(6).data());
  }

  @Test
  void tool_call_chunks_become_tool_use_blocks_fed_by_input_json_deltas() {
    stream.chunk(chunk("{'role':'assistant','content':'Checking.'}", null));
    stream.chunk(chunk(toolDelta(0, "call_1", "weather", ""), null));
    stream.chunk(chunk(toolDelta(0, null, null, "{\"city\":"), null));
    stream.chunk(chunk(toolDelta(0, null, null, "\"Paris\"}"), null));
    stream.chunk(chunk(toolDelta(1, "call_2", "clock", "{}"), null));
    stream.chunk(chunk("{}", "tool_calls"));
    stream.finish(new StreamOutcome(new TokenUsage(40, 12, 0), false, false, "tool_calls"));

    assertEquals(
        List.of(
            "message_start",
            "content_block_start",
            "content_block_delta",
            "content_block_stop",
            "content_block_start",
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "content_block_start",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop"),
        names());
    assertEquals(
        json(
            """
            {'type':'content_block_start','index':1,'content_block':
              {'type':'tool_use','id':'call_1','name':'weather','input':{},
               'caller':{'type':'direct'}}}
            """),
        sent.get(4).data());
    assertEquals(
        json(
            """
            {'type':'content_block_delta','index':1,
             'delta':{'type':'input_json_delta','partial_json':'{\\'city\\':'}}
            """),
        sent.get(5).data());
    assertEquals(2, sent.get(8).data().get("index").asInt());
    assertEquals("clock", sent.get(8).data().get("content_block").get("name").asText());
    assertEquals("tool_use", sent.get(11).data().get("delta").get("stop_reason").asText());
  }

  @Test
  void a_tool_called_without_arguments_still_gets_an_input_object() {
    stream.chunk(chunk(toolDelta(0, "call_1", "clock", ""), null));
    stream.finish(new StreamOutcome(TokenUsage.NONE, false, false, "tool_calls"));

    assertEquals(
        json(
            """
            {'type':'content_block_delta','index':0,
             'delta':{'type':'input_json_delta','partial_json':'{}'}}
            """),
        sent.get(2).data());
    assertEquals("content_block_stop", sent.get(3).name());
  }

  @Test
  void a_stream_that_ends_without_chunks_is_still_a_complete_message() {
    stream.finish(new StreamOutcome(new TokenUsage(5, 0, 0), true, false, "length"));

    assertEquals(List.of("message_start", "message_delta", "message_stop"), names());
    assertEquals("gpt-4o-mini", sent.get(0).data().get("message").get("model").asText());
    assertTrue(sent.get(0).data().get("message").get("id").asText().startsWith("msg_"));
    assertEquals("max_tokens", sent.get(1).data().get("delta").get("stop_reason").asText());
  }

  @Test
  void a_client_that_leaves_stops_the_provider_and_gets_nothing_more() {
    assertTrue(stream.chunk(chunk("{'content':'Hel'}", null)));
    clientThere = false;

    assertFalse(stream.chunk(chunk("{'content':'lo'}", null)));
    assertEquals(List.of("message_start", "content_block_start", "content_block_delta"), names());
  }

  @Test
  void a_failure_after_the_start_ends_with_an_anthropic_error_event() {
    stream.chunk(chunk("{'content':'Hel'}", null));
    stream.fail("api_error", "OpenAI: the stream ended before the answer was complete.");

    Event last = sent.getLast();
    assertEquals("error", last.name());
    assertEquals(
        json(
            """
            {'type':'error','error':{'type':'api_error',
             'message':'OpenAI: the stream ended before the answer was complete.'}}
            """),
        last.data());
  }
}
