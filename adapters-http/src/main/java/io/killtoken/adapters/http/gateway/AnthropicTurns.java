package io.killtoken.adapters.http.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Translates Anthropic conversation turns into OpenAI chat messages: text and image blocks become
 * content parts, an assistant's {@code tool_use} blocks its {@code tool_calls}, a user's {@code
 * tool_result} blocks {@code tool} messages placed before the rest of that user turn, and a system
 * turn a system message in place.
 */
final class AnthropicTurns {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> IMAGE_TYPES =
      Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

  private AnthropicTurns() {}

  static void translate(JsonNode messages, ArrayNode out) {
    ArrayNode turns = JsonShape.array(messages, "messages");
    if (turns.isEmpty()) {
      throw JsonShape.invalid("messages", "must not be empty");
    }
    for (int i = 0; i < turns.size(); i++) {
      String path = "messages[" + i + "]";
      ObjectNode turn = JsonShape.object(turns.get(i), path);
      String role = JsonShape.text(turn.get("role"), path + ".role");
      JsonNode content = turn.get("content");
      switch (role) {
        case "user" -> user(content, path + ".content", out);
        case "assistant" -> assistant(content, path + ".content", out);
        case "system" ->
            out.addObject()
                .put("role", "system")
                .put("content", systemText(content, path + ".content"));
        default ->
            throw JsonShape.invalid(path + ".role", "must be 'user', 'assistant' or 'system'");
      }
    }
  }

  /** System text: a string, or text blocks joined by newlines (their cache hints dropped). */
  static String systemText(JsonNode content, String path) {
    if (content != null && content.isTextual()) {
      return content.textValue();
    }
    ArrayNode blocks = blocks(content, path);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < blocks.size(); i++) {
      String at = path + "[" + i + "]";
      ObjectNode block = JsonShape.object(blocks.get(i), at);
      if (!"text".equals(JsonShape.text(block.get("type"), at + ".type"))) {
        throw JsonShape.invalid(at + ".type", "must be 'text'");
      }
      if (!text.isEmpty()) {
        text.append('\n');
      }
      text.append(JsonShape.text(block.get("text"), at + ".text"));
    }
    return text.toString();
  }

  private static void user(JsonNode content, String path, ArrayNode out) {
    if (content != null && content.isTextual()) {
      out.addObject().put("role", "user").put("content", content.textValue());
      return;
    }
    ArrayNode blocks = blocks(content, path);
    List<ObjectNode> toolMessages = new ArrayList<>();
    ArrayNode parts = NODES.arrayNode();
    for (int j = 0; j < blocks.size(); j++) {
      String at = path + "[" + j + "]";
      ObjectNode block = JsonShape.object(blocks.get(j), at);
      switch (JsonShape.text(block.get("type"), at + ".type")) {
        case "text" -> parts.add(textPart(JsonShape.text(block.get("text"), at + ".text")));
        case "image" -> parts.add(imagePart(block, at));
        case "tool_result" -> toolMessages.add(toolResult(block, at, parts));
        default ->
            throw JsonShape.invalid(
                at + ".type", "must be 'text', 'image' or 'tool_result' in a user turn");
      }
    }
    // OpenAI wants each tool answer right after the assistant turn that called the tool.
    toolMessages.forEach(out::add);
    if (!parts.isEmpty()) {
      ObjectNode message = out.addObject().put("role", "user");
      if (parts.size() == 1 && parts.get(0).has("text")) {
        // A plain string is the form every OpenAI-compatible provider accepts.
        message.put("content", parts.get(0).get("text").textValue());
      } else {
        message.set("content", parts);
      }
    }
  }

  private static void assistant(JsonNode content, String path, ArrayNode out) {
    ObjectNode message = out.addObject().put("role", "assistant");
    if (content != null && content.isTextual()) {
      message.put("content", content.textValue());
      return;
    }
    ArrayNode blocks = blocks(content, path);
    StringBuilder text = new StringBuilder();
    ArrayNode calls = NODES.arrayNode();
    for (int j = 0; j < blocks.size(); j++) {
      String at = path + "[" + j + "]";
      ObjectNode block = JsonShape.object(blocks.get(j), at);
      switch (JsonShape.text(block.get("type"), at + ".type")) {
        case "text" -> {
          if (!text.isEmpty()) {
            text.append('\n');
          }
          text.append(JsonShape.text(block.get("text"), at + ".text"));
        }
        case "tool_use" -> calls.add(toolCall(block, at));
        // Earlier thinking has no place in the OpenAI format and no provider needs it back.
        case "thinking", "redacted_thinking" -> {}
        default ->
            throw JsonShape.invalid(
                at + ".type", "must be 'text', 'tool_use' or 'thinking' in an assistant turn");
      }
    }
    if (calls.isEmpty() || !text.isEmpty()) {
      message.put("content", text.toString());
    } else {
      message.putNull("content");
    }
    if (!calls.isEmpty()) {
      message.set("tool_calls", calls);
    }
  }

  private static ArrayNode blocks(JsonNode content, String path) {
    if (content == null || content.isNull()) {
      throw JsonShape.invalid(path, "is required");
    }
    if (!content.isArray()) {
      throw JsonShape.invalid(path, "must be a string or an array of content blocks");
    }
    return (ArrayNode) content;
  }

  private static ObjectNode toolCall(ObjectNode block, String path) {
    ObjectNode call = NODES.objectNode();
    call.put("id", JsonShape.text(block.get("id"), path + ".id"));
    call.put("type", "function");
    call.putObject("function")
        .put("name", JsonShape.text(block.get("name"), path + ".name"))
        .put("arguments", JsonShape.object(block.get("input"), path + ".input").toString());
    return call;
  }

  /**
   * A tool message; images the tool returned go to {@code parts}, since tool messages hold text.
   */
  private static ObjectNode toolResult(ObjectNode block, String path, ArrayNode parts) {
    String id = JsonShape.text(block.get("tool_use_id"), path + ".tool_use_id");
    StringBuilder text = new StringBuilder();
    JsonNode content = block.get("content");
    if (content != null && content.isTextual()) {
      text.append(content.textValue());
    } else if (content != null && !content.isNull()) {
      ArrayNode items = blocks(content, path + ".content");
      for (int k = 0; k < items.size(); k++) {
        String at = path + ".content[" + k + "]";
        ObjectNode item = JsonShape.object(items.get(k), at);
        switch (JsonShape.text(item.get("type"), at + ".type")) {
          case "text" -> {
            if (!text.isEmpty()) {
              text.append('\n');
            }
            text.append(JsonShape.text(item.get("text"), at + ".text"));
          }
          case "image" -> parts.add(imagePart(item, at));
          default -> throw JsonShape.invalid(at + ".type", "must be 'text' or 'image'");
        }
      }
    }
    if (JsonShape.bool(block.get("is_error"), path + ".is_error")) {
      // OpenAI has no error flag on a tool answer; the model reads it from the text instead.
      text.insert(0, text.isEmpty() ? "Error" : "Error: ");
    }
    return NODES
        .objectNode()
        .put("role", "tool")
        .put("tool_call_id", id)
        .put("content", text.toString());
  }

  private static ObjectNode textPart(String text) {
    return NODES.objectNode().put("type", "text").put("text", text);
  }

  private static ObjectNode imagePart(ObjectNode block, String path) {
    ObjectNode source = JsonShape.object(block.get("source"), path + ".source");
    String url =
        switch (JsonShape.text(source.get("type"), path + ".source.type")) {
          case "base64" -> {
            String mediaType =
                JsonShape.text(source.get("media_type"), path + ".source.media_type");
            if (!IMAGE_TYPES.contains(mediaType)) {
              throw JsonShape.invalid(
                  path + ".source.media_type",
                  "must be image/jpeg, image/png, image/gif or image/webp");
            }
            yield "data:"
                + mediaType
                + ";base64,"
                + JsonShape.text(source.get("data"), path + ".source.data");
          }
          case "url" -> {
            String link = JsonShape.text(source.get("url"), path + ".source.url");
            if (!link.startsWith("https://") && !link.startsWith("http://")) {
              throw JsonShape.invalid(path + ".source.url", "must be an http(s) URL");
            }
            yield link;
          }
          default -> throw JsonShape.invalid(path + ".source.type", "must be 'base64' or 'url'");
        };
    ObjectNode part = NODES.objectNode().put("type", "image_url");
    part.putObject("image_url").put("url", url);
    return part;
  }
}
