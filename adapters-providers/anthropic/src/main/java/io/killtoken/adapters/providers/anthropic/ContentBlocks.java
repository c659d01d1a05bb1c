package io.killtoken.adapters.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.error.InvalidRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * OpenAI message content (a string, or text, image and file parts) as Anthropic content blocks. A
 * part Anthropic cannot take is refused: dropping it would silently change the prompt.
 */
final class ContentBlocks {

  private ContentBlocks() {}

  /** The blocks of one message's {@code content}; none for null or empty text. */
  static List<ObjectNode> of(JsonNode content) {
    List<ObjectNode> blocks = new ArrayList<>();
    if (content == null || content.isNull() || content.isMissingNode()) {
      return blocks;
    }
    if (content.isTextual()) {
      addText(blocks, content.asText(), null);
      return blocks;
    }
    if (!content.isArray()) {
      throw new InvalidRequest("A message's 'content' must be a string or an array of parts.");
    }
    for (JsonNode part : content) {
      String type = part.path("type").asText("");
      switch (type) {
        case "text" -> addText(blocks, part.path("text").asText(""), part);
        // An assistant's earlier refusal is text it said; Anthropic has no separate kind for it.
        case "refusal" -> addText(blocks, part.path("refusal").asText(""), part);
        case "image_url" -> blocks.add(cached(image(part.path("image_url")), part));
        case "file" -> blocks.add(cached(file(part.path("file")), part));
        case "input_audio" ->
            throw new InvalidRequest("Anthropic models do not accept audio input.");
        default ->
            throw new InvalidRequest(
                "Content part type '" + type + "' cannot be sent to an Anthropic model.");
      }
    }
    return blocks;
  }

  static ObjectNode text(String text) {
    ObjectNode block = AnthropicWire.MAPPER.createObjectNode();
    block.put("type", "text");
    block.put("text", text);
    return block;
  }

  // Anthropic refuses empty text blocks; an empty part adds nothing to the prompt anyway.
  private static void addText(List<ObjectNode> blocks, String text, JsonNode part) {
    if (!text.isEmpty()) {
      blocks.add(cached(text(text), part));
    }
  }

  private static ObjectNode image(JsonNode imageUrl) {
    // The spec sends {"url": ...}; some clients send the URL as a bare string.
    String url = imageUrl.isTextual() ? imageUrl.asText() : imageUrl.path("url").asText("");
    ObjectNode block = AnthropicWire.MAPPER.createObjectNode();
    block.put("type", "image");
    if (url.regionMatches(true, 0, "data:", 0, 5)) {
      block.set("source", base64Source(url, "image_url"));
      return block;
    }
    if (url.regionMatches(true, 0, "https://", 0, 8)
        || url.regionMatches(true, 0, "http://", 0, 7)) {
      ObjectNode source = block.putObject("source");
      source.put("type", "url");
      source.put("url", url);
      return block;
    }
    throw new InvalidRequest("An image_url must be an http(s) URL or a base64 data: URL.");
  }

  private static ObjectNode file(JsonNode file) {
    if (file.hasNonNull("file_id")) {
      throw new InvalidRequest(
          "OpenAI file ids mean nothing to Anthropic; send the file inline as 'file_data'.");
    }
    ObjectNode source = base64Source(file.path("file_data").asText(""), "file_data");
    String mediaType = source.path("media_type").asText();
    ObjectNode block = AnthropicWire.MAPPER.createObjectNode();
    if (mediaType.equals("application/pdf")) {
      block.put("type", "document");
    } else if (mediaType.startsWith("image/")) {
      block.put("type", "image");
    } else {
      throw new InvalidRequest(
          "Anthropic models accept PDF and image files only, not '" + mediaType + "'.");
    }
    block.set("source", source);
    return block;
  }

  /** {@code data:<media type>[;param]*;base64,<data>} as Anthropic's base64 source. */
  private static ObjectNode base64Source(String url, String field) {
    // Found by hand rather than by a regex: the data part may be megabytes long.
    int comma = url.indexOf(',');
    boolean dataUrl = url.regionMatches(true, 0, "data:", 0, 5) && comma > 0;
    String[] params = dataUrl ? url.substring(5, comma).split(";") : new String[0];
    boolean base64 = params.length > 1 && params[params.length - 1].equalsIgnoreCase("base64");
    if (!base64 || params[0].isBlank()) {
      throw new InvalidRequest(
          "'" + field + "' must be a base64 data: URL such as data:image/png;base64,….");
    }
    ObjectNode source = AnthropicWire.MAPPER.createObjectNode();
    source.put("type", "base64");
    source.put("media_type", params[0].strip().toLowerCase(Locale.ROOT));
    source.put("data", url.substring(comma + 1));
    return source;
  }

  // Prompt caching is opt-in per block on Anthropic; clients that know it (LiteLLM-style) mark
  // parts with cache_control, which is worth keeping since it cuts the cost of long prefixes.
  private static ObjectNode cached(ObjectNode block, JsonNode part) {
    if (part != null && part.path("cache_control").isObject()) {
      block.set("cache_control", part.get("cache_control").deepCopy());
    }
    return block;
  }
}
