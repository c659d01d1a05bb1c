package io.killtoken.adapters.http.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.error.InvalidRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a request body the way the gateway and the admin API both need it: UTF-8 or nothing, one
 * JSON object and nothing after it, every field named once. Anything looser lets the gateway route,
 * price or cache on a different request than the one the provider reads: a second object after the
 * first, or a second {@code "model"}, is read by one JSON parser and not by another.
 */
public final class StrictJson {

  /** Numbers as Jackson reads them by default: the gateway passes the client's bytes on. */
  private static final ObjectMapper GATEWAY = strict(JsonMapper.builder());

  /** Decimals exact, so that {@code 1e400} is a number too large rather than infinity. */
  private static final ObjectMapper EXACT =
      strict(JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS));

  private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '([^']{0,200})'");

  private StrictJson() {}

  /**
   * The body's text, decoded as UTF-8 (JSON's only encoding on the wire, RFC 8259) and refused if
   * it is not: a lenient decoder would turn bad bytes into U+FFFD and pass a different request on.
   */
  public static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidRequest("The body is not valid UTF-8.");
    }
  }

  /** A gateway body: one JSON object, numbers read as Jackson reads them. */
  public static ObjectNode object(String text) {
    return object(GATEWAY, text);
  }

  /** An admin body: one JSON object, decimals read exactly. */
  static ObjectNode exactObject(String text) {
    return object(EXACT, text);
  }

  private static ObjectNode object(ObjectMapper mapper, String text) {
    JsonNode root = null;
    boolean whole = false;
    try (JsonParser parser = mapper.createParser(text)) {
      if (parser.nextToken() != null) {
        root = mapper.readTree(parser);
      }
      whole = true;
      if (parser.nextToken() != null) {
        throw trailing();
      }
    } catch (JacksonException e) {
      if (whole) {
        // The first value was whole, and what follows it is not even JSON.
        throw trailing();
      }
      Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
      if (duplicate.find()) {
        throw new InvalidRequest(
            "The body names '" + clip(duplicate.group(1)) + "' twice; send each field once.");
      }
      throw new InvalidRequest("The body is not valid JSON.");
    } catch (IOException e) {
      throw new InvalidRequest("The body could not be read.");
    }
    if (!(root instanceof ObjectNode object)) {
      throw new InvalidRequest("The body must be a JSON object.");
    }
    return object;
  }

  private static InvalidRequest trailing() {
    return new InvalidRequest(
        "The body has more after its JSON object; send one JSON object and nothing after it.");
  }

  private static ObjectMapper strict(JsonMapper.Builder builder) {
    return builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  }

  /** A caller-chosen name made safe to echo in an error message. */
  static String clip(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9_.-]", "?");
    return safe.length() > 40 ? safe.substring(0, 40) + "…" : safe;
  }
}
