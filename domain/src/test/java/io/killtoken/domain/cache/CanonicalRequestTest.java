package io.killtoken.domain.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalRequestTest {

  private static CanonicalRequest parsed(String json) {
    return CanonicalRequest.parse(json).orElseThrow(() -> new AssertionError("refused: " + json));
  }

  private static String member(String json, String name) {
    return parsed(json).member(name).orElseThrow();
  }

  @Test
  void whitespace_and_member_order_do_not_change_the_canonical_form() {
    CanonicalRequest compact = parsed("{\"a\":1,\"b\":{\"x\":[1,2],\"y\":true}}");
    CanonicalRequest spaced =
        parsed(" {\n\t\"b\" : { \"y\" : true ,\"x\": [ 1 , 2 ] } ,\r\n \"a\" : 1 } ");

    assertEquals(compact, spaced);
    assertEquals("{\"x\":[1,2],\"y\":true}", spaced.member("b").orElseThrow());
  }

  @Test
  void array_order_is_kept_because_it_changes_the_answer() {
    assertNotEquals(parsed("{\"a\":[1,2]}"), parsed("{\"a\":[2,1]}"));
  }

  @Test
  void escapes_are_resolved_and_written_one_way() {
    assertEquals(member("{\"s\":\"é/\"}", "s"), member("{\"s\":\"\\u00e9\\/\"}", "s"));
    assertEquals(member("{\"s\":\"A\"}", "s"), member("{\"s\":\"\\u0041\"}", "s"));
    assertEquals(
        "\"a\\\"b\\\\c\\nd\\te\\u0001\"", member("{\"s\":\"a\\\"b\\\\c\\nd\\te\\u0001\"}", "s"));
  }

  @Test
  void escaped_and_literal_member_names_are_the_same_name() {
    assertEquals(parsed("{\"temperature\":0}"), parsed("{\"t\\u0065mperature\":0}"));
  }

  @Test
  void a_surrogate_pair_is_one_character_however_it_is_written() {
    assertEquals(member("{\"s\":\"😀\"}", "s"), member("{\"s\":\"\\ud83d\\ude00\"}", "s"));
  }

  @Test
  void a_lone_surrogate_stays_escaped_and_never_collides_with_a_question_mark() {
    String lone = member("{\"s\":\"\\ud800\"}", "s");

    assertEquals("\"\\ud800\"", lone);
    assertNotEquals(member("{\"s\":\"?\"}", "s"), lone);
  }

  @Test
  void one_and_one_point_zero_are_different_numbers_to_the_key() {
    assertNotEquals(parsed("{\"n\":1}"), parsed("{\"n\":1.0}"));
    assertNotEquals(parsed("{\"n\":1e2}"), parsed("{\"n\":100}"));
    assertEquals("-0.5E+3", member("{\"n\":-0.5E+3}", "n"));
  }

  @Test
  void deep_nesting_within_the_limit_is_read() {
    int depth = CanonicalJson.MAX_DEPTH - 1;
    String json = "{\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";

    assertTrue(CanonicalRequest.parse(json).isPresent());
  }

  @Test
  void nesting_past_the_limit_is_refused_instead_of_overflowing_the_stack() {
    String json = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

    assertEquals(Optional.empty(), CanonicalRequest.parse(json));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "\"text\"",
        "{",
        "{\"a\":1,}",
        "{\"a\":1}{}",
        "{\"a\":1} x",
        "{'a':1}",
        "{a:1}",
        "{\"a\":01}",
        "{\"a\":1.}",
        "{\"a\":.5}",
        "{\"a\":+1}",
        "{\"a\":1e}",
        "{\"a\":NaN}",
        "{\"a\":tru}",
        "{\"a\":\"\\x\"}",
        "{\"a\":\"\\u12\"}",
        "{\"a\":\"unterminated}",
        "{\"a\":\"tab\there\"}",
        "{\"a\":[1,]}",
        "{\"a\":1,\"a\":2}",
        "\uFEFF{\"a\":1}"
      })
  void text_that_is_not_one_strict_json_object_is_refused(String json) {
    assertFalse(CanonicalRequest.parse(json).isPresent(), json);
  }

  @Test
  void to_string_names_the_members_but_never_shows_their_values() {
    String shown =
        parsed("{\"messages\":[{\"role\":\"user\",\"content\":\"secret plan\"}]}").toString();

    assertTrue(shown.contains("messages"), shown);
    assertFalse(shown.contains("secret plan"), shown);
  }
}
