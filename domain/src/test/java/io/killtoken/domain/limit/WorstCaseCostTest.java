package io.killtoken.domain.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ModelPrice;
import io.killtoken.domain.usage.TokenUsage;
import org.junit.jupiter.api.Test;

class WorstCaseCostTest {

  /** $1 per million prompt tokens, $0.50 cached, $2 per million completion tokens. */
  private static final ModelPrice PRICE =
      new ModelPrice(
          new MicroDollars(1_000_000), new MicroDollars(500_000), new MicroDollars(2_000_000));

  @Test
  void the_body_is_priced_as_prompt_at_two_bytes_a_token_plus_the_requested_answer() {
    String body = "{\"model\":\"m\",\"max_tokens\":50,\"pad\":\"" + "x".repeat(1_000) + "\"}";
    long promptTokens = Math.ceilDiv(body.length(), 2);

    assertEquals(PRICE.cost(new TokenUsage(promptTokens, 50, 0)), WorstCaseCost.of(body, PRICE));
  }

  @Test
  void a_request_without_a_cap_holds_the_default_answer_length() {
    assertEquals(WorstCaseCost.DEFAULT_OUTPUT_TOKENS, WorstCaseCost.outputCap("{\"model\":\"m\"}"));
  }

  @Test
  void the_larger_of_the_two_caps_counts() {
    assertEquals(
        900, WorstCaseCost.outputCap("{\"max_tokens\":100,\"max_completion_tokens\":900}"));
    assertEquals(
        300, WorstCaseCost.outputCap("{\"max_completion_tokens\":200,\"max_tokens\":300}"));
  }

  @Test
  void several_choices_multiply_the_answer() {
    String body = "{\"max_tokens\":100,\"n\":3}";

    assertEquals(
        PRICE.cost(new TokenUsage(Math.ceilDiv(body.length(), 2), 300, 0)),
        WorstCaseCost.of(body, PRICE));
  }

  @Test
  void a_cap_written_inside_a_message_is_not_the_requests_cap() {
    String body =
        "{\"messages\":[{\"role\":\"user\",\"content\":\"\\\"max_tokens\\\":1\"},"
            + "{\"max_tokens\":2}],\"meta\":{\"max_tokens\":3}}";

    assertEquals(WorstCaseCost.DEFAULT_OUTPUT_TOKENS, WorstCaseCost.outputCap(body));
  }

  @Test
  void a_cap_that_is_no_plain_integer_is_ignored() {
    assertEquals(
        WorstCaseCost.DEFAULT_OUTPUT_TOKENS, WorstCaseCost.outputCap("{\"max_tokens\":null}"));
    assertEquals(
        WorstCaseCost.DEFAULT_OUTPUT_TOKENS, WorstCaseCost.outputCap("{\"max_tokens\":\"9\"}"));
    assertEquals(
        WorstCaseCost.DEFAULT_OUTPUT_TOKENS, WorstCaseCost.outputCap("{\"max_tokens\":-5}"));
    assertEquals(
        WorstCaseCost.DEFAULT_OUTPUT_TOKENS, WorstCaseCost.outputCap("{\"max_tokens\":12.5}"));
  }

  @Test
  void spaces_around_the_colon_are_read() {
    assertEquals(42, WorstCaseCost.outputCap("{ \"max_tokens\" : 42 }"));
  }

  @Test
  void an_enormous_cap_is_bounded_and_an_enormous_price_saturates_instead_of_overflowing() {
    String body = "{\"max_tokens\":99999999999999999999999,\"n\":500}";
    ModelPrice absurd =
        new ModelPrice(
            new MicroDollars(Long.MAX_VALUE / 2),
            MicroDollars.ZERO,
            new MicroDollars(Long.MAX_VALUE / 2));

    assertEquals(WorstCaseCost.MAX_TOKENS, WorstCaseCost.outputCap(body));
    assertEquals(WorstCaseCost.MAX_CHOICES, WorstCaseCost.choices(body));
    assertEquals(new MicroDollars(Long.MAX_VALUE), WorstCaseCost.of(body, absurd));
  }

  @Test
  void prompt_text_is_measured_in_utf8_bytes() {
    assertEquals(3, WorstCaseCost.utf8Length("abc"));
    assertEquals(2, WorstCaseCost.utf8Length("é"));
    assertEquals(6, WorstCaseCost.utf8Length("日本"));
    assertEquals(4, WorstCaseCost.utf8Length("😀"));
  }

  @Test
  void the_prompt_is_held_at_the_dearer_of_the_fresh_and_cached_price() {
    ModelPrice cachedDearer =
        new ModelPrice(new MicroDollars(1_000_000), new MicroDollars(3_000_000), MicroDollars.ZERO);
    String body = "{\"max_tokens\":0,\"pad\":\"" + "x".repeat(2_000_000) + "\"}";

    assertTrue(
        WorstCaseCost.of(body, cachedDearer).compareTo(new MicroDollars(3_000_000)) >= 0,
        "a million prompt tokens at $3 per million");
  }
}
