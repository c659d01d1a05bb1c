package io.killtoken.adapters.providers.gemini;

import static io.killtoken.adapters.providers.gemini.GeminiChatTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.error.InvalidRequest;
import org.junit.jupiter.api.Test;

class GeminiSchemasTest {

  @Test
  void keys_gemini_refuses_are_removed_at_every_depth() {
    assertEquals(
        json(
            """
            {"type":"object","properties":{"tags":{"type":"array",
              "items":{"type":"object","properties":{"name":{"type":"string"}}}}}}"""),
        GeminiSchemas.toGemini(
            json(
                """
                {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"x","strict":true,
                 "type":"object","additionalProperties":false,"properties":{"tags":{"type":"array",
                  "uniqueItems":true,"items":{"type":"object","additionalProperties":false,
                   "patternProperties":{"^x":{}},"properties":{"name":{"type":"string"}}}}}}""")));
  }

  @Test
  void a_null_in_the_type_or_an_optional_any_of_becomes_nullable() {
    assertEquals(
        json(
            """
            {"type":"object","properties":{
              "a":{"type":"integer","nullable":true},
              "b":{"type":"string","nullable":true,"description":"Optional b"},
              "c":{"anyOf":[{"type":"string"},{"type":"integer"}]}}}"""),
        GeminiSchemas.toGemini(
            json(
                """
                {"type":"object","properties":{
                  "a":{"type":["integer","null"]},
                  "b":{"description":"Optional b","anyOf":[{"type":"string"},{"type":"null"}],
                       "default":null},
                  "c":{"oneOf":[{"type":"string"},{"type":"integer"}]}}}""")));
  }

  @Test
  void required_names_are_kept_only_when_they_are_declared() {
    assertEquals(
        json(
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[\"a\"]}"),
        GeminiSchemas.toGemini(
            json(
                """
                {"type":"object","properties":{"a":{"type":"string"}},"required":["a","ghost"]}""")));
  }

  @Test
  void only_formats_gemini_knows_are_kept() {
    assertEquals(
        json(
            """
            {"type":"object","properties":{"url":{"type":"string"},
              "at":{"type":"string","format":"date-time"},"n":{"type":"integer","format":"int64"}}}"""),
        GeminiSchemas.toGemini(
            json(
                """
                {"type":"object","properties":{"url":{"type":"string","format":"uri"},
                  "at":{"type":"string","format":"date-time"},
                  "n":{"type":"integer","format":"int64"}}}""")));
  }

  @Test
  void a_const_becomes_an_enum_of_one_and_enums_of_numbers_are_dropped() {
    assertEquals(
        json(
            """
            {"type":"object","properties":{"kind":{"type":"string","enum":["cat"]},
              "size":{"type":"integer"}}}"""),
        GeminiSchemas.toGemini(
            json(
                """
                {"type":"object","properties":{"kind":{"const":"cat"},
                  "size":{"type":"integer","enum":[1,2,3]}}}""")));
  }

  @Test
  void local_references_are_inlined_and_a_recursive_one_stops_at_a_plain_object() {
    assertEquals(
        json(
            """
            {"type":"object","properties":{
              "owner":{"type":"object","properties":{"name":{"type":"string"}},"description":"Who"},
              "tree":{"type":"object","properties":{"child":{"type":"object"}}}}}"""),
        GeminiSchemas.toGemini(
            json(
                """
                {"type":"object","$defs":{
                  "Person":{"type":"object","properties":{"name":{"type":"string"}}},
                  "Node":{"type":"object","properties":{"child":{"$ref":"#/$defs/Node"}}}},
                 "properties":{"owner":{"$ref":"#/$defs/Person","description":"Who"},
                  "tree":{"$ref":"#/definitions/Node"}},
                 "definitions":{"Node":{"type":"object","properties":{"child":{"$ref":"#/definitions/Node"}}}}}""")));
  }

  @Test
  void references_that_expand_without_end_are_refused() {
    // Each level refers to the next twice: 2^20 nodes once expanded.
    StringBuilder defs = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      defs.append(
          """
          "L%d":{"type":"object","properties":{"a":{"$ref":"#/$defs/L%d"},"b":{"$ref":"#/$defs/L%d"}}},"""
              .formatted(i, i + 1, i + 1));
    }
    defs.append("\"L20\":{\"type\":\"string\"}");
    ObjectNode bomb = (ObjectNode) json("{\"$defs\":{" + defs + "},\"$ref\":\"#/$defs/L0\"}");

    assertThrows(InvalidRequest.class, () -> GeminiSchemas.toGemini(bomb));
  }

  @Test
  void an_object_without_properties_is_recognised_so_parameters_can_be_left_out() {
    assertEquals(
        true,
        GeminiSchemas.declaresNoProperties(
            GeminiSchemas.toGemini(json("{\"type\":\"object\",\"properties\":{}}"))));
    assertEquals(
        false,
        GeminiSchemas.declaresNoProperties(
            GeminiSchemas.toGemini(
                json("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}"))));
  }
}
