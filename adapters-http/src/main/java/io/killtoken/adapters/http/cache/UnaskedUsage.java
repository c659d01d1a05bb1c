package io.killtoken.adapters.http.cache;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Takes out of an OpenAI stream what {@code stream_options.include_usage} added, for a client that
 * did not ask for it: the gateway always asks the provider for usage (to account the call and keep
 * it with a cached answer), so the stream carries a usage chunk ({@code choices: []}, or choices
 * left out or null by some OpenAI-compatible servers) and {@code "usage": null} on every other
 * chunk. The client gets the stream the provider would have sent it: neither.
 */
public final class UnaskedUsage {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A chunk without this (quotes unescaped, so not inside a string) has no usage member. */
  private static final Pattern USAGE_MEMBER = Pattern.compile("\"usage\"\\s*:");

  private UnaskedUsage() {}

  /**
   * The chunk as a client that did not ask for usage receives it: empty for the usage chunk; the
   * chunk without its {@code "usage": null} member; any other chunk as it came (a usage object
   * beside choices is the provider's own habit, e.g. Mistral's, sent whether asked or not).
   */
  public static Optional<String> removedFrom(String chunkJson) {
    if (chunkJson == null || !USAGE_MEMBER.matcher(chunkJson).find()) {
      return Optional.ofNullable(chunkJson);
    }
    JsonNode chunk;
    try {
      chunk = JSON.readTree(chunkJson);
    } catch (JacksonException notJson) {
      return Optional.of(chunkJson);
    }
    if (!(chunk instanceof ObjectNode object)) {
      return Optional.of(chunkJson);
    }
    JsonNode usage = object.path("usage");
    if (usage.isNull()) {
      object.remove("usage");
      return Optional.of(object.toString());
    }
    JsonNode choices = object.path("choices");
    boolean noChoices =
        choices.isMissingNode() || choices.isNull() || (choices.isArray() && choices.isEmpty());
    return usage.isObject() && noChoices ? Optional.empty() : Optional.of(chunkJson);
  }
}
