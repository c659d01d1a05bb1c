package io.killtoken.adapters.providers.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.killtoken.domain.error.InvalidRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What Anthropic receives for an OpenAI-format request, as the fake upstream saw it. */
@Timeout(10)
class AnthropicRequestTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FakeAnthropic fake;
  private AnthropicProvider anthropic;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeAnthropic();
    anthropic = AnthropicChatTest.provider(fake.baseUrl());
  }

  @AfterEach
  void stop() {
    anthropic.close();
    fake.close();
  }

  /** Sends an OpenAI body and returns the Anthropic body the upstream received. */
  private JsonNode sent(String openAiBody) {
    anthropic.chat(AnthropicChatTest.call(openAiBody));
    List<FakeAnthropic.Received> received = fake.received();
    return received.get(received.size() - 1).body();
  }

  private void refused(String openAiBody, String reason) {
    InvalidRequest refused =
        assertThrows(
            InvalidRequest.class, () -> anthropic.chat(AnthropicChatTest.call(openAiBody)));
    assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    assertTrue(fake.received().isEmpty(), "a refused request must not reach Anthropic");
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void system_and_developer_messages_become_the_top_level_system_prompt() throws Exception {
    JsonNode body =
        sent(
            """
            {"model":"claude-sonnet-4-5","messages":[
              {"role":"system","content":"Be brief."},
              {"role":"user","content":"Say hello"},
              {"role":"developer","content":[{"type":"text","text":"Answer in French."}]}]}""");

    assertEquals(
        json(
            """
            [{"type":"text","text":"Be brief."},{"type":"text","text":"Answer in French."}]"""),
        body.path("system"));
    assertEquals(
        json(
            """
            [{"role":"user","content":[{"type":"text","text":"Say hello"}]}]"""),
        body.path("messages"));
  }

  @Test
  void max_tokens_defaults_to_4096_and_max_completion_tokens_takes_precedence() {
    String messages = "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";

    assertEquals(4096, sent("{" + messages + "}").path("max_tokens").asInt());
    assertEquals(100, sent("{\"max_tokens\":100," + messages + "}").path("max_tokens").asInt());
    assertEquals(
        200,
        sent("{\"max_tokens\":100,\"max_completion_tokens\":200," + messages + "}")
            .path("max_tokens")
            .asInt());
  }

  @Test
  void sampling_stop_and_user_are_carried_over_in_anthropics_names() throws Exception {
    JsonNode one =
        sent(
            """
            {"messages":[{"role":"user","content":"Hi"}],"temperature":0.5,"top_p":0.9,\
            "stop":"END","user":"user-42"}""");
    JsonNode list =
        sent(
            """
            {"messages":[{"role":"user","content":"Hi"}],"stop":["END","STOP"]}""");

    assertEquals(0.5, one.path("temperature").asDouble());
    assertEquals(0.9, one.path("top_p").asDouble());
    assertEquals(json("[\"END\"]"), one.path("stop_sequences"));
    assertEquals("user-42", one.path("metadata").path("user_id").asText());
    assertEquals(json("[\"END\",\"STOP\"]"), list.path("stop_sequences"));
  }

  @Test
  void openai_only_fields_are_dropped_rather_than_forwarded() {
    JsonNode body =
        sent(
            """
            {"model":"gpt-style","messages":[{"role":"user","content":"Hi","name":"alice"}],\
            "frequency_penalty":0.5,"presence_penalty":0.1,"logit_bias":{"50256":-100},\
            "logprobs":true,"top_logprobs":2,"seed":7,"service_tier":"auto","store":true,\
            "metadata":{"tag":"x"},"stream":false,"stream_options":{"include_usage":true},\
            "reasoning_effort":"low","n":1}""");

    List<String> fields = names(body.fieldNames());
    assertEquals(List.of("model", "max_tokens", "messages"), fields);
    assertFalse(body.path("messages").path(0).has("name"));
  }

  @Test
  void tools_and_tool_choice_are_translated() throws Exception {
    String tools =
        """
        "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather",\
        "parameters":{"type":"object","properties":{"city":{"type":"string"}},\
        "required":["city"]}}},{"type":"function","function":{"name":"get_time"}}]""";
    String messages = "\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}]";

    JsonNode auto = sent("{" + messages + "," + tools + ",\"tool_choice\":\"auto\"}");
    JsonNode required = sent("{" + messages + "," + tools + ",\"tool_choice\":\"required\"}");
    JsonNode none = sent("{" + messages + "," + tools + ",\"tool_choice\":\"none\"}");
    JsonNode named =
        sent(
            "{"
                + messages
                + ","
                + tools
                + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}}");
    JsonNode serial = sent("{" + messages + "," + tools + ",\"parallel_tool_calls\":false}");

    assertEquals(
        json(
            """
            [{"name":"get_weather","description":"Weather","input_schema":{"type":"object",\
            "properties":{"city":{"type":"string"}},"required":["city"]}},\
            {"name":"get_time","input_schema":{"type":"object","properties":{}}}]"""),
        auto.path("tools"));
    assertEquals(json("{\"type\":\"auto\"}"), auto.path("tool_choice"));
    assertEquals(json("{\"type\":\"any\"}"), required.path("tool_choice"));
    assertEquals(json("{\"type\":\"none\"}"), none.path("tool_choice"));
    assertEquals(json("{\"type\":\"tool\",\"name\":\"get_time\"}"), named.path("tool_choice"));
    assertEquals(
        json("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"), serial.path("tool_choice"));
  }

  @Test
  void tool_calls_and_their_results_become_tool_use_and_one_user_turn_of_tool_results()
      throws Exception {
    JsonNode body =
        sent(
            """
            {"messages":[
              {"role":"user","content":"Weather and time in Paris?"},
              {"role":"assistant","content":null,"tool_calls":[
                {"id":"call_1","type":"function",\
            "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                {"id":"call_2","type":"function","function":{"name":"get_time","arguments":""}}]},
              {"role":"tool","tool_call_id":"call_1","content":"Sunny, 21°C"},
              {"role":"tool","tool_call_id":"call_2","content":[{"type":"text","text":"14:05"}]},
              {"role":"user","content":"Thanks! Anything else?"}]}""");

    assertEquals(
        json(
            """
            [{"role":"user","content":[{"type":"text","text":"Weather and time in Paris?"}]},
             {"role":"assistant","content":[
               {"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"}},
               {"type":"tool_use","id":"call_2","name":"get_time","input":{}}]},
             {"role":"user","content":[
               {"type":"tool_result","tool_use_id":"call_1",\
            "content":[{"type":"text","text":"Sunny, 21°C"}]},
               {"type":"tool_result","tool_use_id":"call_2",\
            "content":[{"type":"text","text":"14:05"}]},
               {"type":"text","text":"Thanks! Anything else?"}]}]"""),
        body.path("messages"));
  }

  @Test
  void consecutive_messages_of_one_role_are_merged_and_empty_ones_left_out() throws Exception {
    JsonNode body =
        sent(
            """
            {"messages":[{"role":"user","content":"One."},{"role":"user","content":"Two."},\
            {"role":"assistant","content":""},{"role":"user","content":"Three."},\
            {"role":"assistant","content":"Four."},{"role":"assistant","content":"Five."}]}""");

    assertEquals(
        json(
            """
            [{"role":"user","content":[{"type":"text","text":"One."},{"type":"text","text":"Two."},
               {"type":"text","text":"Three."}]},
             {"role":"assistant","content":[{"type":"text","text":"Four."},
               {"type":"text","text":"Five."}]}]"""),
        body.path("messages"));
  }

  @Test
  void images_go_as_base64_or_url_sources_and_cache_marks_are_kept() throws Exception {
    JsonNode body =
        sent(
            """
            {"messages":[{"role":"user","content":[
              {"type":"text","text":"Compare","cache_control":{"type":"ephemeral"}},
              {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=",\
            "detail":"high"}},
              {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg"}}]}]}""");

    assertEquals(
        json(
            """
            [{"type":"text","text":"Compare","cache_control":{"type":"ephemeral"}},
             {"type":"image","source":{"type":"base64","media_type":"image/png",\
            "data":"iVBORw0KGgo="}},
             {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}}]"""),
        body.path("messages").path(0).path("content"));
  }

  @Test
  void a_pdf_file_part_becomes_a_document() throws Exception {
    JsonNode body =
        sent(
            """
            {"messages":[{"role":"user","content":[{"type":"file","file":{"filename":"a.pdf",\
            "file_data":"data:application/pdf;base64,JVBERi0x"}}]}]}""");

    assertEquals(
        json(
            """
            {"type":"document","source":{"type":"base64","media_type":"application/pdf",\
            "data":"JVBERi0x"}}"""),
        body.path("messages").path(0).path("content").path(0));
  }

  @Test
  void a_json_schema_response_format_becomes_a_system_instruction_carrying_the_schema() {
    JsonNode body =
        sent(
            """
            {"messages":[{"role":"system","content":"You extract data."},\
            {"role":"user","content":"Paris is in France."}],\
            "response_format":{"type":"json_schema","json_schema":{"name":"place","strict":true,\
            "schema":{"type":"object","properties":{"city":{"type":"string"}}}}}}""");

    JsonNode system = body.path("system");
    assertEquals(2, system.size());
    assertEquals("You extract data.", system.path(0).path("text").asText());
    String instruction = system.path(1).path("text").asText();
    assertTrue(instruction.startsWith(JsonInstruction.JSON_OBJECT), instruction);
    assertTrue(instruction.contains("\"place\""), instruction);
    assertTrue(
        instruction.contains(
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"),
        instruction);
    assertFalse(body.has("response_format"));
  }

  @Test
  void a_json_object_response_format_asks_for_json_and_text_asks_for_nothing() {
    JsonNode object =
        sent(
            """
            {"messages":[{"role":"user","content":"Hi"}],\
            "response_format":{"type":"json_object"}}""");
    JsonNode text =
        sent(
            """
            {"messages":[{"role":"user","content":"Hi"}],"response_format":{"type":"text"}}""");

    assertEquals(JsonInstruction.JSON_OBJECT, object.path("system").path(0).path("text").asText());
    assertFalse(text.has("system"));
  }

  @Test
  void a_stream_request_asks_anthropic_to_stream() {
    fake.answer(
        exchange -> {
          FakeAnthropic.Sse sse = FakeAnthropic.sse(exchange);
          sse.event(FakeAnthropic.messageStart(3, 0, 0));
          sse.event(FakeAnthropic.messageDelta("end_turn", 1));
          sse.event(FakeAnthropic.MESSAGE_STOP);
        });

    anthropic.stream(
        AnthropicChatTest.call(
            """
            {"messages":[{"role":"user","content":"Hi"}],"stream":true,\
            "stream_options":{"include_usage":true}}"""),
        json -> true);

    JsonNode body = fake.body();
    assertTrue(body.path("stream").asBoolean());
    assertFalse(body.has("stream_options"));
    assertEquals("2023-06-01", fake.received().getFirst().version());
  }

  @Test
  void what_anthropic_cannot_take_is_refused_with_a_clear_reason() {
    String hi = "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";
    refused("{" + hi + ",\"n\":3}", "'n' must be 1");
    refused("{" + hi + ",\"max_tokens\":0}", "max_tokens");
    refused("{" + hi + ",\"stop\":5}", "'stop'");
    refused("{" + hi + ",\"response_format\":{\"type\":\"yaml\"}}", "response_format");
    refused("{" + hi + ",\"functions\":[{\"name\":\"f\"}]}", "Legacy 'functions'");
    refused(
        "{" + hi + ",\"tools\":[{\"type\":\"custom\",\"custom\":{\"name\":\"x\"}}]}",
        "Only function tools");
    refused(
        """
        {"messages":[{"role":"user","content":[{"type":"input_audio",\
        "input_audio":{"data":"AAAA","format":"wav"}}]}]}""",
        "audio");
    refused(
        """
        {"messages":[{"role":"user","content":[{"type":"image_url",\
        "image_url":{"url":"file:///etc/passwd"}}]}]}""",
        "image_url");
    refused(
        """
        {"messages":[{"role":"assistant","tool_calls":[{"id":"c1","type":"function",\
        "function":{"name":"f","arguments":"{not json"}}]}]}""",
        "not a JSON object");
    refused("{\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}", "tool_call_id");
    refused("{\"messages\":[{\"role\":\"narrator\",\"content\":\"x\"}]}", "narrator");
    refused("{\"messages\":[]}", "'messages'");
    refused("[1,2]", "JSON object");
  }

  private static List<String> names(Iterator<String> names) {
    List<String> out = new ArrayList<>();
    names.forEachRemaining(out::add);
    return out;
  }
}
