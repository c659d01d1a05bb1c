package io.killtoken.adapters.http.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnaskedUsageTest {

  private static final String USAGE =
      "{\"prompt_tokens\":9,\"completion_tokens\":6,\"total_tokens\":15}";

  @Test
  void openais_usage_chunk_is_dropped() {
    assertEquals(
        Optional.empty(),
        UnaskedUsage.removedFrom(
            "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":"
                + USAGE
                + "}"));
  }

  @Test
  void a_usage_chunk_whose_choices_are_null_or_left_out_is_dropped() {
    assertEquals(
        Optional.empty(), UnaskedUsage.removedFrom("{\"choices\":null,\"usage\" : " + USAGE + "}"));
    assertEquals(
        Optional.empty(), UnaskedUsage.removedFrom("{\"id\":\"c\",\"usage\":" + USAGE + "}"));
  }

  @Test
  void the_null_usage_on_every_other_chunk_is_taken_out() {
    assertEquals(
        Optional.of("{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}"),
        UnaskedUsage.removedFrom(
            "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}],"
                + "\"usage\":null}"));
  }

  @Test
  void a_chunk_without_usage_and_a_last_chunk_with_both_choices_and_usage_pass_unchanged() {
    String plain = "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}";
    String mistralLast =
        "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":"
            + USAGE
            + "}";
    assertEquals(Optional.of(plain), UnaskedUsage.removedFrom(plain));
    assertEquals(Optional.of(mistralLast), UnaskedUsage.removedFrom(mistralLast));
  }

  @Test
  void text_that_only_mentions_usage_and_broken_json_pass_unchanged() {
    String mention = "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\\\"usage\\\": {\"}}]}";
    assertEquals(Optional.of(mention), UnaskedUsage.removedFrom(mention));
    assertEquals(Optional.of("{\"usage\":{"), UnaskedUsage.removedFrom("{\"usage\":{"));
  }
}
