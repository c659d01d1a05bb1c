package io.killtoken.adapters.http.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.PayloadTooLarge;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON object request body read strictly: JSON content type, UTF-8, one object and nothing after
 * it, each field once, decimals exact, and only the fields the route allows — an unknown field
 * (such as a {@code tenant_id}) is refused, never applied. Getters name the field in every error.
 */
public final class JsonBody {

  /** Admin bodies are small; long contexts only ever go to the gateway. */
  public static final long MAX_BYTES = 64 * 1024;

  private final JsonNode root;

  private JsonBody(JsonNode root) {
    this.root = root;
  }

  /** Reads the body of an admin request; bodies over {@link #MAX_BYTES} are refused with 413. */
  public static JsonBody read(Context ctx, Set<String> allowed) {
    return read(ctx, allowed, MAX_BYTES);
  }

  static JsonBody read(Context ctx, Set<String> allowed, long maxBytes) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new InvalidRequest("Send the body as 'Content-Type: application/json'.");
    }
    if (ctx.contentLength() > maxBytes) {
      throw new PayloadTooLarge("The request body is over " + maxBytes + " bytes.");
    }
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length > maxBytes) {
      throw new PayloadTooLarge("The request body is over " + maxBytes + " bytes.");
    }
    JsonNode root = StrictJson.exactObject(StrictJson.utf8(bytes));
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new InvalidRequest("Unknown field '" + clip(name) + "'. Allowed: " + allowed + ".");
      }
    }
    return new JsonBody(root);
  }

  public boolean has(String field) {
    return root.has(field);
  }

  /** True when the field is present with an explicit {@code null} (PATCH: clear it). */
  public boolean isNull(String field) {
    return root.has(field) && root.get(field).isNull();
  }

  public Optional<String> text(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw new InvalidRequest("'" + field + "' must be a string.");
    }
    return Optional.of(node.textValue());
  }

  public String requiredText(String field) {
    return text(field).orElseThrow(() -> new InvalidRequest("'" + field + "' is required."));
  }

  public Optional<Boolean> bool(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isBoolean()) {
      throw new InvalidRequest("'" + field + "' must be true or false.");
    }
    return Optional.of(node.booleanValue());
  }

  public Optional<Long> integer(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new InvalidRequest("'" + field + "' must be a whole number.");
    }
    return Optional.of(node.longValue());
  }

  public Optional<BigDecimal> decimal(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isNumber()) {
      throw new InvalidRequest("'" + field + "' must be a number.");
    }
    return Optional.of(node.decimalValue());
  }

  public Optional<List<String>> strings(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isArray() || node.size() > 1000) {
      throw new InvalidRequest("'" + field + "' must be an array of strings.");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw new InvalidRequest("'" + field + "' must be an array of strings.");
      }
      values.add(item.textValue());
    }
    return Optional.of(values);
  }

  private static String clip(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9_.-]", "?");
    return safe.length() > 40 ? safe.substring(0, 40) + "…" : safe;
  }
}
