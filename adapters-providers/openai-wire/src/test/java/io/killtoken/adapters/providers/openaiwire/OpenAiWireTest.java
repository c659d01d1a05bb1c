package io.killtoken.adapters.providers.openaiwire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.killtoken.domain.usage.TokenUsage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenAiWireTest {

  private static Optional<TokenUsage> usage(String answer) throws Exception {
    JsonNode json = OpenAiWire.MAPPER.readTree(answer);
    return OpenAiWire.usage(json);
  }

  @Test
  void cached_prompt_tokens_are_read_from_openais_details() throws Exception {
    assertEquals(
        Optional.of(new TokenUsage(100, 20, 64)),
        usage(
            """
            {"usage":{"prompt_tokens":100,"completion_tokens":20,\
            "prompt_tokens_details":{"cached_tokens":64}}}"""));
  }

  @Test
  void cached_prompt_tokens_are_read_from_deepseeks_cache_hits_when_details_are_absent()
      throws Exception {
    assertEquals(
        Optional.of(new TokenUsage(100, 20, 80)),
        usage(
            """
            {"usage":{"prompt_tokens":100,"completion_tokens":20,\
            "prompt_cache_hit_tokens":80,"prompt_cache_miss_tokens":20}}"""));
  }

  @Test
  void an_upstream_reporting_more_cached_than_prompt_tokens_does_not_fail_the_call()
      throws Exception {
    assertEquals(
        Optional.of(new TokenUsage(10, 1, 10)),
        usage(
            """
            {"usage":{"prompt_tokens":10,"completion_tokens":1,\
            "prompt_tokens_details":{"cached_tokens":50}}}"""));
  }

  @Test
  void an_answer_without_usage_has_none() throws Exception {
    assertEquals(Optional.empty(), usage("{\"usage\":null}"));
  }
}
