package io.killtoken.adapters.http.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.killtoken.domain.error.RetriableUpstreamFailure;
import io.killtoken.domain.provider.ChatAnswer;
import io.killtoken.domain.usage.TokenUsage;
import org.junit.jupiter.api.Test;

class AnthropicAnswerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static JsonNode translate(String openAiMessage, String finish, TokenUsage usage) {
    String body =
        ("{'id':'chatcmpl-abc123','object':'chat.completion','model':'gpt-4o-mini-2024-07-18',"
                + "'choices':[{'index':0,'message':%s,'finish_reason':'%s'}]}")
            .formatted(openAiMessage, finish)
            .replace('\'', '"');
    return json(AnthropicAnswer.toAnthropic(new ChatAnswer(body, usage, finish), "gpt-4o-mini"));
  }

  @Test
  void a_text_answer_becomes_a_message_with_end_turn_and_cached_tokens_apart() {
    JsonNode message =
        translate(
            "{'role':'assistant','content':'Hello!','refusal':null}",
            "stop",
            new TokenUsage(12, 5, 4));

    assertEquals(
        json(
            """
            {'id':'msg_abc123','type':'message','role':'assistant','model':'gpt-4o-mini-2024-07-18',
             'content':[{'type':'text','text':'Hello!'}],'stop_reason':'end_turn',
             'stop_sequence':null,
             'usage':{'input_tokens':8,'cache_creation_input_tokens':0,
                      'cache_read_input_tokens':4,'output_tokens':5}}
            """),
        message);
  }

  @Test
  void tool_calls_become_tool_use_blocks_with_their_arguments_parsed() {
    JsonNode message =
        translate(
            """
            {'role':'assistant','content':null,'tool_calls':[
              {'id':'call_1','type':'function',
               'function':{'name':'weather','arguments':'{\\'city\\':\\'Paris\\'}'}},
              {'id':'call_2','type':'function','function':{'name':'clock','arguments':''}}]}
            """,
            "tool_calls",
            new TokenUsage(30, 20, 0));

    assertEquals(
        json(
            """
            [{'type':'tool_use','id':'call_1','name':'weather','input':{'city':'Paris'},
              'caller':{'type':'direct'}},
             {'type':'tool_use','id':'call_2','name':'clock','input':{},
              'caller':{'type':'direct'}}]
            """),
        message.get("content"));
    assertEquals("tool_use", message.get("stop_reason").asText());
  }

  @Test
  void text_before_a_tool_call_stays_in_front_of_it() {
    JsonNode message =
        translate(
            """
            {'role':'assistant','content':'Let me check.','tool_calls':[
              {'id':'call_1','type':'function','function':{'name':'clock','arguments':'{}'}}]}
            """,
            "stop",
            TokenUsage.NONE);

    assertEquals("text", message.get("content").get(0).get("type").asText());
    assertEquals("tool_use", message.get("content").get(1).get("type").asText());
    assertEquals("tool_use", message.get("stop_reason").asText(), "stop after a tool call");
  }

  @Test
  void finish_reasons_take_anthropic_stop_reasons() {
    assertEquals("max_tokens", AnthropicAnswer.stopReason("length", false, false));
    assertEquals("refusal", AnthropicAnswer.stopReason("content_filter", false, false));
    assertEquals("tool_use", AnthropicAnswer.stopReason("tool_calls", true, false));
    assertEquals("end_turn", AnthropicAnswer.stopReason("stop", false, false));
    assertEquals("end_turn", AnthropicAnswer.stopReason("unknown", false, false));
    assertEquals("refusal", AnthropicAnswer.stopReason("stop", false, true));
  }

  @Test
  void a_refusal_becomes_text_with_the_refusal_stop_reason() {
    JsonNode message =
        translate(
            "{'role':'assistant','content':null,'refusal':'I cannot help with that.'}",
            "stop",
            TokenUsage.NONE);

    assertEquals(
        json("[{'type':'text','text':'I cannot help with that.'}]"), message.get("content"));
    assertEquals("refusal", message.get("stop_reason").asText());
  }

  @Test
  void arguments_that_are_not_a_json_object_are_kept_rather_than_lost() {
    assertEquals(json("{'_raw_arguments':'{oops'}"), AnthropicAnswer.input("{oops"));
    assertEquals(json("{'_raw_arguments':'[1]'}"), AnthropicAnswer.input("[1]"));
  }

  @Test
  void an_answer_id_becomes_a_message_id_and_a_missing_one_a_random_one() {
    assertEquals("msg_abc", AnthropicAnswer.messageId("chatcmpl-abc"));
    assertEquals("msg_01XYZ", AnthropicAnswer.messageId("msg_01XYZ"));
    assertEquals(36, AnthropicAnswer.messageId("").length());
  }

  @Test
  void an_answer_that_is_not_json_is_an_upstream_failure() {
    ChatAnswer unreadable = new ChatAnswer("<html>", TokenUsage.NONE, "stop");

    assertThrows(
        RetriableUpstreamFailure.class, () -> AnthropicAnswer.toAnthropic(unreadable, "m"));
  }
}
