package io.killtoken.adapters.providers.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.error.InvalidRequest;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Translates OpenAI {@code messages} into Gemini {@code contents} and {@code systemInstruction}:
 * roles, text, images, audio and files, tool calls and their results.
 */
final class GeminiContents {

  private static final String IMAGE_FALLBACK = "image/jpeg";

  private static final Map<String, String> IMAGE_TYPES =
      Map.of(
          "png", "image/png",
          "jpg", "image/jpeg",
          "jpeg", "image/jpeg",
          "gif", "image/gif",
          "webp", "image/webp",
          "heic", "image/heic",
          "heif", "image/heif");

  private final ArrayNode contents = GeminiWire.MAPPER.createArrayNode();
  private final ArrayNode system = GeminiWire.MAPPER.createArrayNode();
  // Gemini names a function result by the function's name; OpenAI by the call's id.
  private final Map<String, String> callNames = new HashMap<>();
  private ObjectNode last;
  private boolean lastIsResults;

  private GeminiContents() {}

  /** Writes {@code contents} and, when there is one, {@code systemInstruction} into {@code out}. */
  static void translate(JsonNode messages, ObjectNode out) {
    if (!messages.isArray() || messages.isEmpty()) {
      throw new InvalidRequest("'messages' must be a non-empty array.");
    }
    GeminiContents translation = new GeminiContents();
    for (JsonNode message : messages) {
      translation.add(message);
    }
    if (!translation.system.isEmpty()) {
      out.putObject("systemInstruction").set("parts", translation.system);
    }
    out.set("contents", translation.contents);
  }

  private void add(JsonNode message) {
    String role = message.path("role").asText("");
    switch (role) {
      case "system", "developer" -> system.addAll(textParts(message.path("content"), role));
      case "user" -> append("user", false, userParts(message.path("content")));
      case "assistant" -> append("model", false, assistantParts(message));
      case "tool" -> append("user", true, result(nameOfCall(message), message.path("content")));
      case "function" -> append("user", true, result(named(message), message.path("content")));
      default -> throw new InvalidRequest("Unsupported message role '" + role + "'.");
    }
  }

  // Adjacent messages of one role share a turn, so parallel tool results reach Gemini together as
  // its function-calling protocol wants; results and fresh user text stay in separate turns.
  private void append(String role, boolean results, ArrayNode parts) {
    if (parts.isEmpty()) {
      // Gemini refuses a turn without parts; an empty message carries nothing anyway.
      return;
    }
    if (last != null && last.path("role").asText().equals(role) && lastIsResults == results) {
      ((ArrayNode) last.get("parts")).addAll(parts);
      return;
    }
    last = contents.addObject().put("role", role);
    last.set("parts", parts);
    lastIsResults = results;
  }

  private static ArrayNode textParts(JsonNode content, String role) {
    ArrayNode parts = GeminiWire.MAPPER.createArrayNode();
    if (content.isTextual()) {
      addText(parts, content.asText());
      return parts;
    }
    for (JsonNode part : content) {
      String type = part.path("type").asText();
      if (type.equals("text")) {
        addText(parts, part.path("text").asText(""));
      } else if (type.equals("refusal") && role.equals("assistant")) {
        addText(parts, part.path("refusal").asText(""));
      } else {
        throw new InvalidRequest(
            "A '" + role + "' message may only hold text for Gemini, not '" + type + "'.");
      }
    }
    return parts;
  }

  private static void addText(ArrayNode parts, String text) {
    if (!text.isEmpty()) {
      parts.addObject().put("text", text);
    }
  }

  private static ArrayNode userParts(JsonNode content) {
    if (content.isTextual()) {
      return textParts(content, "user");
    }
    ArrayNode parts = GeminiWire.MAPPER.createArrayNode();
    for (JsonNode part : content) {
      switch (part.path("type").asText()) {
        case "text" -> addText(parts, part.path("text").asText(""));
        case "image_url" -> parts.add(image(part.path("image_url")));
        case "input_audio" -> parts.add(audio(part.path("input_audio")));
        case "file" -> parts.add(file(part.path("file")));
        default ->
            throw new InvalidRequest(
                "Content part type '" + part.path("type").asText() + "' has no Gemini form.");
      }
    }
    return parts;
  }

  private static ObjectNode image(JsonNode imageUrl) {
    // The spec nests the URL ({"url": …}); some clients send the bare string.
    String url = imageUrl.isTextual() ? imageUrl.asText() : imageUrl.path("url").asText("");
    if (url.startsWith("data:")) {
      return inline(url);
    }
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
      throw new InvalidRequest("An image_url must be a data: URL or an http(s) URL.");
    }
    ObjectNode part = GeminiWire.MAPPER.createObjectNode();
    part.putObject("fileData").put("mimeType", imageType(lower)).put("fileUri", url);
    return part;
  }

  private static String imageType(String url) {
    String path = url.replaceFirst("[?#].*$", "");
    int dot = path.lastIndexOf('.');
    String extension = dot < path.lastIndexOf('/') || dot < 0 ? "" : path.substring(dot + 1);
    return IMAGE_TYPES.getOrDefault(extension, IMAGE_FALLBACK);
  }

  private static ObjectNode audio(JsonNode audio) {
    String format = audio.path("format").asText("");
    String data = audio.path("data").asText("");
    if (format.isEmpty() || data.isEmpty()) {
      throw new InvalidRequest("input_audio needs 'data' and 'format'.");
    }
    ObjectNode part = GeminiWire.MAPPER.createObjectNode();
    part.putObject("inlineData").put("mimeType", "audio/" + format).put("data", data);
    return part;
  }

  private static ObjectNode file(JsonNode file) {
    String data = file.path("file_data").asText("");
    if (!data.startsWith("data:")) {
      // A file_id points into OpenAI's Files API, which Gemini cannot read.
      throw new InvalidRequest("A file part must carry its content as a base64 data: URL.");
    }
    return inline(data);
  }

  /** {@code data:<mime>;base64,<data>} as Gemini inline data. */
  private static ObjectNode inline(String dataUrl) {
    int comma = dataUrl.indexOf(',');
    String header = comma < 0 ? "" : dataUrl.substring("data:".length(), comma);
    int semicolon = header.indexOf(';');
    String mime = semicolon < 0 ? header : header.substring(0, semicolon);
    if (comma < 0 || mime.isBlank() || !header.endsWith(";base64")) {
      throw new InvalidRequest("A data: URL must look like data:<mime type>;base64,<data>.");
    }
    ObjectNode part = GeminiWire.MAPPER.createObjectNode();
    part.putObject("inlineData").put("mimeType", mime).put("data", dataUrl.substring(comma + 1));
    return part;
  }

  private ArrayNode assistantParts(JsonNode message) {
    ArrayNode parts = textParts(message.path("content"), "assistant");
    for (JsonNode call : message.path("tool_calls")) {
      JsonNode function = call.path("function");
      String name = function.path("name").asText("");
      if (name.isEmpty()) {
        throw new InvalidRequest("An assistant tool call needs a function name.");
      }
      callNames.put(call.path("id").asText(""), name);
      ObjectNode part = parts.addObject();
      part.putObject("functionCall").put("name", name).set("args", arguments(function));
      // Gemini 3 refuses a replayed function call without the signature it sent with it; the
      // signature travels through OpenAI clients the way Google's own compatibility layer does.
      JsonNode signature = call.path("extra_content").path("google").path("thought_signature");
      if (signature.isTextual()) {
        part.put("thoughtSignature", signature.asText());
      }
    }
    return parts;
  }

  private static JsonNode arguments(JsonNode function) {
    String text = function.path("arguments").asText("");
    if (text.isBlank()) {
      return GeminiWire.MAPPER.createObjectNode();
    }
    try {
      JsonNode args = GeminiWire.MAPPER.readTree(text);
      if (args.isObject()) {
        return args;
      }
    } catch (JsonProcessingException notJson) {
      // Refused below with the same message as any other non-object.
    }
    throw new InvalidRequest("Tool call arguments must be a JSON object for Gemini.");
  }

  private String nameOfCall(JsonNode message) {
    String name = callNames.get(message.path("tool_call_id").asText(""));
    if (name != null) {
      return name;
    }
    if (message.path("name").isTextual()) {
      return message.get("name").asText();
    }
    throw new InvalidRequest(
        "A 'tool' message must answer a tool_call_id of an earlier assistant message.");
  }

  private static String named(JsonNode message) {
    if (!message.path("name").isTextual()) {
      throw new InvalidRequest("A 'function' message needs the function's 'name'.");
    }
    return message.get("name").asText();
  }

  // Gemini wants the result as a JSON object; Google's convention for anything else is to wrap
  // it under "output".
  private static ArrayNode result(String name, JsonNode content) {
    StringBuilder text = new StringBuilder();
    if (content.isTextual()) {
      text.append(content.asText());
    } else {
      content.forEach(part -> text.append(part.path("text").asText("")));
    }
    JsonNode response;
    try {
      response = GeminiWire.MAPPER.readTree(text.toString());
    } catch (JsonProcessingException notJson) {
      response = null;
    }
    if (response == null || !response.isObject()) {
      response = GeminiWire.MAPPER.createObjectNode().put("output", text.toString());
    }
    ArrayNode parts = GeminiWire.MAPPER.createArrayNode();
    parts.addObject().putObject("functionResponse").put("name", name).set("response", response);
    return parts;
  }
}
