package io.killtoken.adapters.http.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.killtoken.domain.error.InvalidRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicRequestTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static JsonNode translate(String anthropic) {
    return AnthropicRequest.toOpenAi(json(anthropic));
  }

  private static String refusal(String anthropic) {
    return assertThrows(InvalidRequest.class, () -> translate(anthropic)).getMessage();
  }

  @Test
  void a_plain_request_keeps_its_model_limits_and_sampling_under_openai_names() {
    JsonNode openai =
        translate(
            """
            {'model':'claude-sonnet-4-5','max_tokens':256,'system':'Be terse.',
             'messages':[{'role':'user','content':'Hi'}],'temperature':0.2,'top_p':0.9,
             'stop_sequences':['END'],'metadata':{'user_id':'u-42'}}
            """);

    assertEquals(
        json(
            """
            {'model':'claude-sonnet-4-5','max_completion_tokens':256,
             'messages':[{'role':'system','content':'Be terse.'},{'role':'user','content':'Hi'}],
             'temperature':0.2,'top_p':0.9,'stop':['END'],'user':'u-42'}
            """),
        openai);
  }

  @Test
  void system_text_blocks_become_one_leading_system_message() {
    JsonNode openai =
        translate(
            """
            {'model':'gpt-4o-mini','max_tokens':10,
             'system':[{'type':'text','text':'You are KillToken.'},
                       {'type':'text','text':'Be terse.','cache_control':{'type':'ephemeral'}}],
             'messages':[{'role':'user','content':'Hi'}]}
            """);

    assertEquals(
        json("{'role':'system','content':'You are KillToken.\\nBe terse.'}"),
        openai.get("messages").get(0));
  }

  @Test
  void a_system_turn_inside_the_conversation_stays_a_system_message_in_place() {
    JsonNode messages =
        translate(
                """
                {'model':'m','max_tokens':10,'messages':[
                  {'role':'user','content':'Hi'},
                  {'role':'system','content':[{'type':'text','text':'Now answer in French.'}]},
                  {'role':'user','content':'Hello?'}]}
                """)
            .get("messages");

    assertEquals(json("{'role':'system','content':'Now answer in French.'}"), messages.get(1));
  }

  @Test
  void image_blocks_become_image_url_parts_with_a_data_url_for_base64() {
    JsonNode openai =
        translate(
            """
            {'model':'gpt-4o-mini','max_tokens':10,'messages':[{'role':'user','content':[
              {'type':'text','text':'What is in these?'},
              {'type':'image','source':{'type':'base64','media_type':'image/png','data':'iVBOR'}},
              {'type':'image','source':{'type':'url','url':'https://example.com/cat.jpg'}}]}]}
            """);

    assertEquals(
        json(
            """
            [{'type':'text','text':'What is in these?'},
             {'type':'image_url','image_url':{'url':'data:image/png;base64,iVBOR'}},
             {'type':'image_url','image_url':{'url':'https://example.com/cat.jpg'}}]
            """),
        openai.get("messages").get(0).get("content"));
  }

  @Test
  void a_tool_round_trip_becomes_assistant_tool_calls_then_tool_messages_then_the_user_text() {
    JsonNode openai =
        translate(
            """
            {'model':'gpt-4o-mini','max_tokens':100,'messages':[
              {'role':'user','content':'Weather in Paris and Rome?'},
              {'role':'assistant','content':[
                {'type':'thinking','thinking':'two calls','signature':'sig'},
                {'type':'text','text':'Checking.'},
                {'type':'tool_use','id':'toolu_1','name':'weather','input':{'city':'Paris'}},
                {'type':'tool_use','id':'toolu_2','name':'weather','input':{'city':'Rome'}}]},
              {'role':'user','content':[
                {'type':'tool_result','tool_use_id':'toolu_1','content':'sunny'},
                {'type':'tool_result','tool_use_id':'toolu_2','is_error':true,
                 'content':[{'type':'text','text':'service down'}]},
                {'type':'text','text':'Thanks!'}]}]}
            """);

    assertEquals(
        json(
            """
            [{'role':'user','content':'Weather in Paris and Rome?'},
             {'role':'assistant','content':'Checking.','tool_calls':[
               {'id':'toolu_1','type':'function',
                'function':{'name':'weather','arguments':'{\\'city\\':\\'Paris\\'}'}},
               {'id':'toolu_2','type':'function',
                'function':{'name':'weather','arguments':'{\\'city\\':\\'Rome\\'}'}}]},
             {'role':'tool','tool_call_id':'toolu_1','content':'sunny'},
             {'role':'tool','tool_call_id':'toolu_2','content':'Error: service down'},
             {'role':'user','content':'Thanks!'}]
            """),
        openai.get("messages"));
  }

  @Test
  void an_assistant_turn_of_tool_calls_only_has_null_content() {
    JsonNode assistant =
        translate(
                """
                {'model':'gpt-4o-mini','max_tokens':100,'messages':[
                  {'role':'user','content':'Time?'},
                  {'role':'assistant','content':[{'type':'tool_use','id':'t1','name':'clock','input':{}}]},
                  {'role':'user','content':[{'type':'tool_result','tool_use_id':'t1'}]}]}
                """)
            .get("messages")
            .get(1);

    assertTrue(assistant.get("content").isNull());
    assertEquals(
        "{}", assistant.get("tool_calls").get(0).get("function").get("arguments").asText());
  }

  @Test
  void images_a_tool_returned_follow_the_tool_messages_in_a_user_message() {
    JsonNode messages =
        translate(
                """
                {'model':'gpt-4o-mini','max_tokens':100,'messages':[
                  {'role':'user','content':'Screenshot please'},
                  {'role':'assistant','content':[{'type':'tool_use','id':'t1','name':'shot','input':{}}]},
                  {'role':'user','content':[{'type':'tool_result','tool_use_id':'t1','content':[
                    {'type':'text','text':'done'},
                    {'type':'image','source':{'type':'base64','media_type':'image/jpeg','data':'/9j'}}]}]}]}
                """)
            .get("messages");

    assertEquals(json("{'role':'tool','tool_call_id':'t1','content':'done'}"), messages.get(2));
    assertEquals(
        json(
            """
            {'role':'user','content':[
              {'type':'image_url','image_url':{'url':'data:image/jpeg;base64,/9j'}}]}
            """),
        messages.get(3));
  }

  @Test
  void tools_become_function_tools_and_tool_choice_takes_openai_names() {
    String tools =
        """
        'tools':[{'name':'weather','description':'Current weather',
                  'input_schema':{'type':'object','properties':{'city':{'type':'string'}}},
                  'cache_control':{'type':'ephemeral'}}]
        """;

    JsonNode openai =
        translate(
            "{'model':'gpt-4o-mini','max_tokens':10,'messages':[{'role':'user','content':'Hi'}],"
                + tools
                + ",'tool_choice':{'type':'tool','name':'weather','disable_parallel_tool_use':true}}");

    assertEquals(
        json(
            """
            [{'type':'function','function':{'name':'weather','description':'Current weather',
              'parameters':{'type':'object','properties':{'city':{'type':'string'}}}}}]
            """),
        openai.get("tools"));
    assertEquals(
        json("{'type':'function','function':{'name':'weather'}}"), openai.get("tool_choice"));
    assertFalse(openai.get("parallel_tool_calls").asBoolean());
    for (String[] choice :
        new String[][] {{"auto", "auto"}, {"any", "required"}, {"none", "none"}}) {
      JsonNode mapped =
          translate(
                  "{'model':'m','max_tokens':1,'messages':[{'role':'user','content':'Hi'}],"
                      + tools
                      + ",'tool_choice':{'type':'"
                      + choice[0]
                      + "'}}")
              .get("tool_choice");
      assertEquals(choice[1], mapped.asText());
    }
  }

  @Test
  void a_tool_choice_without_tools_is_left_out_as_openai_refuses_it() {
    JsonNode openai =
        translate(
            """
            {'model':'gpt-4o-mini','max_tokens':10,'messages':[{'role':'user','content':'Hi'}],
             'tool_choice':{'type':'auto'}}
            """);

    assertFalse(openai.has("tool_choice"));
    assertFalse(openai.has("tools"));
  }

  @Test
  void a_stream_asks_for_the_usage_chunk() {
    JsonNode openai =
        translate(
            "{'model':'m','max_tokens':1,'stream':true,'messages':[{'role':'user','content':'Hi'}]}");

    assertTrue(openai.get("stream").asBoolean());
    assertTrue(openai.get("stream_options").get("include_usage").asBoolean());
  }

  @Test
  void top_k_thinking_and_caching_hints_are_accepted_and_dropped() {
    JsonNode openai =
        translate(
            """
            {'model':'m','max_tokens':2000,'top_k':40,'cache_control':{'type':'ephemeral'},
             'thinking':{'type':'enabled','budget_tokens':1024},'service_tier':'auto',
             'output_config':{'effort':'low'},'messages':[{'role':'user','content':'Hi'}]}
            """);

    assertEquals(
        json(
            """
            {'model':'m','max_completion_tokens':2000,
             'messages':[{'role':'user','content':'Hi'}]}
            """),
        openai);
  }

  @Test
  void a_request_without_max_tokens_is_refused_as_anthropic_does() {
    assertEquals(
        "'max_tokens' is required.",
        refusal("{'model':'m','messages':[{'role':'user','content':'Hi'}]}"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "no model | {'max_tokens':1,'messages':[]} | 'model' is required.",
        "no messages | {'model':'m','max_tokens':1} | 'messages' is required.",
        "empty messages | {'model':'m','max_tokens':1,'messages':[]} | 'messages' must not be empty.",
        "zero max_tokens | {'model':'m','max_tokens':0,'messages':[]} | 'max_tokens' must be a whole"
            + " number of at least 1.",
        "tool role | {'model':'m','max_tokens':1,'messages':[{'role':'tool','content':'x'}]}"
            + " | 'messages[0].role' must be 'user', 'assistant' or 'system'.",
        "image in system | {'model':'m','max_tokens':1,'system':[{'type':'image'}],'messages':"
            + "[{'role':'user','content':'x'}]} | 'system[0].type' must be 'text'.",
        "numeric content | {'model':'m','max_tokens':1,'messages':[{'role':'user','content':3}]}"
            + " | 'messages[0].content' must be a string or an array of content blocks.",
        "tool_use from user | {'model':'m','max_tokens':1,'messages':[{'role':'user','content':"
            + "[{'type':'tool_use','id':'a','name':'b','input':{}}]}]} | 'messages[0].content[0].type'"
            + " must be 'text', 'image' or 'tool_result' in a user turn.",
        "bad image source | {'model':'m','max_tokens':1,'messages':[{'role':'user','content':"
            + "[{'type':'image','source':{'type':'file','file_id':'f'}}]}]}"
            + " | 'messages[0].content[0].source.type' must be 'base64' or 'url'.",
        "bad media type | {'model':'m','max_tokens':1,'messages':[{'role':'user','content':"
            + "[{'type':'image','source':{'type':'base64','media_type':'text/html','data':'x'}}]}]}"
            + " | 'messages[0].content[0].source.media_type' must be image/jpeg, image/png,"
            + " image/gif or image/webp.",
        "tool input not an object | {'model':'m','max_tokens':1,'messages':[{'role':'assistant',"
            + "'content':[{'type':'tool_use','id':'a','name':'b','input':'x'}]}]}"
            + " | 'messages[0].content[0].input' must be an object.",
        "string stream | {'model':'m','max_tokens':1,'stream':'yes','messages':[{'role':'user',"
            + "'content':'x'}]} | 'stream' must be true or false.",
        "bad tool choice | {'model':'m','max_tokens':1,'tool_choice':{'type':'maybe'},"
            + "'messages':[{'role':'user','content':'x'}]}"
            + " | 'tool_choice.type' must be 'auto', 'any', 'tool' or 'none'.",
        "tool without schema | {'model':'m','max_tokens':1,'tools':[{'name':'t'}],"
            + "'messages':[{'role':'user','content':'x'}]} | 'tools[0].input_schema' is required.",
      })
  void a_malformed_request_is_refused_naming_the_bad_field(
      String why, String body, String message) {
    assertEquals(message, refusal(body));
  }

  @Test
  void unknown_fields_and_anthropic_hosted_features_are_refused_not_passed_on() {
    String messages = "'model':'m','max_tokens':1,'messages':[{'role':'user','content':'x'}]";

    assertTrue(
        refusal("{" + messages + ",'tenant_id':'t'}").startsWith("Unknown field 'tenant_id'"));
    assertTrue(refusal("{" + messages + ",'mcp_servers':[]}").contains("does not support"));
    assertTrue(
        refusal("{" + messages + ",'tools':[{'type':'web_search_20250305','name':'web_search'}]}")
            .contains("client tools only"));
    assertTrue(
        refusal("{" + messages + ",'output_config':{'format':{'type':'json_schema'}}}")
            .contains("structured output"));
    assertEquals("The body must be a JSON object.", refusal("[]"));
  }
}
