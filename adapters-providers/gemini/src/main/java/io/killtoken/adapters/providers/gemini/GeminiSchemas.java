package io.killtoken.adapters.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.error.InvalidRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the JSON Schemas OpenAI clients send (tool parameters, structured-output schemas) into the
 * OpenAPI subset Gemini's {@code Schema} accepts. Gemini answers 400 to any key it does not know
 * ({@code additionalProperties}, {@code $schema}, {@code strict}, …), so this keeps an allow-list
 * rather than removing known offenders.
 */
final class GeminiSchemas {

  private static final Set<String> COPIED =
      Set.of(
          "title",
          "description",
          "nullable",
          "minItems",
          "maxItems",
          "minProperties",
          "maxProperties",
          "minLength",
          "maxLength",
          "pattern",
          "example",
          "default",
          "minimum",
          "maximum",
          "propertyOrdering");

  // Gemini refuses every other format ("only 'enum' and 'date-time' are supported for STRING").
  private static final Map<String, Set<String>> FORMATS =
      Map.of(
          "string", Set.of("enum", "date-time"),
          "integer", Set.of("int32", "int64"),
          "number", Set.of("float", "double"));

  /** A schema whose $refs expand beyond this many nodes is refused, not expanded without end. */
  private static final int NODE_BUDGET = 10_000;

  private final JsonNode root;
  private final Set<String> expanding = new HashSet<>();
  private int nodes;

  private GeminiSchemas(JsonNode root) {
    this.root = root;
  }

  /** The Gemini form of one JSON Schema; local {@code $ref}s are inlined. */
  static ObjectNode toGemini(JsonNode schema) {
    return new GeminiSchemas(schema).clean(schema);
  }

  /** True when an object schema declares no property: Gemini refuses such parameters. */
  static boolean declaresNoProperties(ObjectNode schema) {
    return "object".equals(schema.path("type").asText()) && schema.path("properties").isEmpty();
  }

  private ObjectNode clean(JsonNode schema) {
    if (++nodes > NODE_BUDGET) {
      throw new InvalidRequest("A JSON schema in the request is too large once its $refs expand.");
    }
    ObjectNode out = GeminiWire.MAPPER.createObjectNode();
    if (!schema.isObject()) {
      // `true`, `{}` or garbage: "anything", which Gemini cannot say; no constraint is closest.
      return out;
    }
    JsonNode ref = schema.path("$ref");
    if (ref.isTextual()) {
      return inlined(ref.asText(), schema);
    }
    copyType(schema, out);
    for (String key : COPIED) {
      // Pydantic writes "default": null for every optional field; it says nothing to Gemini.
      if (schema.hasNonNull(key) && !out.has(key)) {
        out.set(key, schema.get(key).deepCopy());
      }
    }
    keepFormat(schema, out);
    keepEnum(schema, out);
    JsonNode properties = schema.path("properties");
    if (properties.isObject() && !properties.isEmpty()) {
      ObjectNode cleaned = out.putObject("properties");
      properties.properties().forEach(p -> cleaned.set(p.getKey(), clean(p.getValue())));
      ArrayNode required = out.arrayNode();
      // Gemini refuses a required name that is not among the properties.
      schema.path("required").forEach(r -> addIfDeclared(required, r, cleaned));
      if (!required.isEmpty()) {
        out.set("required", required);
      }
    }
    JsonNode items = schema.path("items");
    if (items.isObject()) {
      out.set("items", clean(items));
    } else if (items.isArray() && !items.isEmpty()) {
      // Tuple validation has no Gemini form; the first item's schema is the best single guess.
      out.set("items", clean(items.get(0)));
    }
    JsonNode anyOf = schema.has("anyOf") ? schema.get("anyOf") : schema.path("oneOf");
    if (anyOf.isArray()) {
      anyOf(anyOf, out);
    }
    return out;
  }

  // `type: ["string", "null"]` is JSON Schema's nullable; Gemini takes one type plus a flag.
  private static void copyType(JsonNode schema, ObjectNode out) {
    JsonNode type = schema.path("type");
    if (type.isTextual() && !type.asText().equals("null")) {
      out.put("type", type.asText());
    } else if (type.isTextual()) {
      out.put("nullable", true);
    } else if (type.isArray()) {
      for (JsonNode t : type) {
        if (t.asText().equals("null")) {
          out.put("nullable", true);
        } else if (!out.has("type")) {
          out.put("type", t.asText());
        }
      }
    }
  }

  private static void keepFormat(JsonNode schema, ObjectNode out) {
    String format = schema.path("format").asText("");
    if (FORMATS.getOrDefault(out.path("type").asText(), Set.of()).contains(format)) {
      out.put("format", format);
    }
  }

  // Gemini enums are strings; a const is an enum of one.
  private static void keepEnum(JsonNode schema, ObjectNode out) {
    JsonNode values = schema.has("enum") ? schema.get("enum") : null;
    if (values == null && schema.path("const").isTextual()) {
      values = out.arrayNode().add(schema.get("const").asText());
    }
    if (values == null || !values.isArray() || values.isEmpty()) {
      return;
    }
    for (JsonNode v : values) {
      if (!v.isTextual()) {
        return;
      }
    }
    out.set("enum", values.deepCopy());
    if (!out.has("type")) {
      out.put("type", "string");
    }
  }

  // Pydantic writes Optional[X] as anyOf [X, {type: null}]: that is X with nullable, which every
  // Gemini model understands, where a null branch in anyOf is refused by some.
  private void anyOf(JsonNode branches, ObjectNode out) {
    List<ObjectNode> kept = new ArrayList<>();
    for (JsonNode branch : branches) {
      if ("null".equals(branch.path("type").asText())) {
        out.put("nullable", true);
      } else {
        kept.add(clean(branch));
      }
    }
    if (kept.size() == 1) {
      kept.getFirst().properties().forEach(p -> out.putIfAbsent(p.getKey(), p.getValue()));
    } else if (!kept.isEmpty()) {
      out.putArray("anyOf").addAll(kept);
    }
  }

  // Only local references into $defs or definitions exist in tool schemas in practice. A schema
  // that refers to itself cannot be inlined; its inner repetition becomes a plain object.
  private ObjectNode inlined(String ref, JsonNode at) {
    JsonNode target = null;
    for (String prefix : new String[] {"#/$defs/", "#/definitions/"}) {
      if (ref.startsWith(prefix)) {
        target =
            root.path(prefix.substring(2, prefix.length() - 1)).get(ref.substring(prefix.length()));
      }
    }
    ObjectNode out;
    if (target == null || !expanding.add(ref)) {
      out = GeminiWire.MAPPER.createObjectNode().put("type", "object");
    } else {
      try {
        out = clean(target);
      } finally {
        expanding.remove(ref);
      }
    }
    if (at.path("description").isTextual()) {
      out.put("description", at.get("description").asText());
    }
    return out;
  }

  private static void addIfDeclared(ArrayNode required, JsonNode name, ObjectNode properties) {
    if (name.isTextual() && properties.has(name.asText())) {
      required.add(name.asText());
    }
  }
}
