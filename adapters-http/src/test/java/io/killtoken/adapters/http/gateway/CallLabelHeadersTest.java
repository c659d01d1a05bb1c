package io.killtoken.adapters.http.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The cacheable prefix read from a request: tools, then the leading system messages. */
class CallLabelHeadersTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void the_prefix_is_the_tools_and_the_leading_system_messages_and_stops_at_the_first_other() {
    String prefix =
        CallLabelHeaders.prefix(
            body(
                """
                {"model":"m","tools":[{"type":"function","function":{"name":"lookup"}}],
                 "messages":[{"role":"system","content":"policy"},
                             {"role":"developer","content":"rules"},
                             {"role":"user","content":"question"},
                             {"role":"system","content":"late"}]}"""));

    assertTrue(prefix.startsWith("[{\"type\":\"function\""), prefix);
    assertTrue(prefix.contains("policy") && prefix.contains("rules"), prefix);
    assertFalse(prefix.contains("question") || prefix.contains("late"), prefix);
  }

  @Test
  void an_anthropic_requests_system_and_tools_make_its_prefix() {
    JsonNode anthropic =
        body(
            """
            {"model":"claude-sonnet-4-5","max_tokens":10,"system":"You are the agent.",
             "tools":[{"name":"lookup","input_schema":{"type":"object"}}],
             "messages":[{"role":"user","content":"hi"}]}""");

    String prefix = CallLabelHeaders.prefix(AnthropicRequest.toOpenAi(anthropic));

    assertTrue(prefix.contains("You are the agent.") && prefix.contains("lookup"), prefix);
    assertFalse(prefix.contains("\"hi\""), prefix);
  }

  @Test
  void a_request_without_tools_or_system_messages_has_no_prefix() {
    assertEquals(
        "",
        CallLabelHeaders.prefix(body("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")));
  }

  private static JsonNode body(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
