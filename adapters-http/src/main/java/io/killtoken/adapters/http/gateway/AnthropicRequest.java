package io.killtoken.adapters.http.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.error.InvalidRequest;
import java.util.Iterator;
import java.util.Set;

/**
 * Translates an Anthropic Messages request into the OpenAI Chat Completions request every provider
 * takes. The top-level fields are an allow-list, as Anthropic's own API keeps them: a field it does
 * not know is refused, never passed on.
 */
final class AnthropicRequest {

  private static final Set<String> TRANSLATED =
      Set.of(
          "model",
          "messages",
          "max_tokens",
          "system",
          "temperature",
          "top_p",
          "stop_sequences",
          "metadata",
          "stream",
          "tools",
          "tool_choice");

  /**
   * Accepted and dropped: no OpenAI equivalent, and the answer stays one an Anthropic client can
   * parse without them (no thinking blocks are produced; caching and routing hints only tune cost).
   */
  private static final Set<String> DROPPED =
      Set.of(
          "top_k",
          "thinking",
          "cache_control",
          "service_tier",
          "inference_geo",
          "speed",
          "diagnostics",
          "output_config");

  /** Anthropic-hosted features the client relies on; dropping them would change the answer. */
  private static final Set<String> UNSUPPORTED =
      Set.of("container", "mcp_servers", "context_management");

  private AnthropicRequest() {}

  /** The OpenAI request for this Anthropic one; streams always ask for the usage chunk. */
  static ObjectNode toOpenAi(JsonNode body) {
    if (!(body instanceof ObjectNode request)) {
      throw new InvalidRequest("The body must be a JSON object.");
    }
    checkFields(request);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    String model = JsonShape.text(request.get("model"), "model");
    if (model.isBlank()) {
      throw JsonShape.invalid("model", "must not be empty");
    }
    out.put("model", model);
    out.set("max_completion_tokens", maxTokens(request.get("max_tokens")));
    ArrayNode messages = out.putArray("messages");
    JsonShape.optional(request, "system").ifPresent(system -> system(system, messages));
    AnthropicTurns.translate(request.get("messages"), messages);
    JsonShape.optional(request, "temperature")
        .ifPresent(t -> out.set("temperature", JsonShape.number(t, "temperature")));
    JsonShape.optional(request, "top_p")
        .ifPresent(p -> out.set("top_p", JsonShape.number(p, "top_p")));
    JsonShape.optional(request, "stop_sequences").ifPresent(stops -> stop(stops, out));
    JsonShape.optional(request, "metadata").ifPresent(metadata -> user(metadata, out));
    AnthropicTools.translate(request, out);
    checkOutputConfig(request);
    if (JsonShape.bool(request.get("stream"), "stream")) {
      out.put("stream", true);
      // Anthropic streams always end with the usage, so the OpenAI usage chunk is always wanted.
      out.putObject("stream_options").put("include_usage", true);
    }
    return out;
  }

  private static void checkFields(ObjectNode request) {
    for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (UNSUPPORTED.contains(name)) {
        throw new InvalidRequest(
            "'" + name + "' is an Anthropic-hosted feature that /v1/messages does not support.");
      }
      if (!TRANSLATED.contains(name) && !DROPPED.contains(name)) {
        throw new InvalidRequest(
            "Unknown field '"
                + JsonShape.clip(name)
                + "'. /v1/messages takes the fields of "
                + "Anthropic's Messages API.");
      }
    }
  }

  private static JsonNode maxTokens(JsonNode node) {
    if (node == null || node.isNull()) {
      throw new InvalidRequest("'max_tokens' is required.");
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 1) {
      throw JsonShape.invalid("max_tokens", "must be a whole number of at least 1");
    }
    return node;
  }

  /** The system prompt, a string or text blocks, becomes one leading system message. */
  private static void system(JsonNode system, ArrayNode messages) {
    String text = AnthropicTurns.systemText(system, "system");
    if (!text.isEmpty()) {
      messages.addObject().put("role", "system").put("content", text);
    }
  }

  private static void stop(JsonNode node, ObjectNode out) {
    ArrayNode stops = JsonShape.array(node, "stop_sequences");
    ArrayNode stop = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < stops.size(); i++) {
      stop.add(JsonShape.text(stops.get(i), "stop_sequences[" + i + "]"));
    }
    if (!stop.isEmpty()) {
      out.set("stop", stop);
    }
  }

  private static void user(JsonNode node, ObjectNode out) {
    ObjectNode metadata = JsonShape.object(node, "metadata");
    JsonShape.optional(metadata, "user_id")
        .ifPresent(id -> out.put("user", JsonShape.text(id, "metadata.user_id")));
  }

  /** Only the effort hint of {@code output_config} is dropped; a JSON output format is not. */
  private static void checkOutputConfig(ObjectNode request) {
    JsonShape.optional(request, "output_config")
        .map(config -> JsonShape.object(config, "output_config"))
        .flatMap(config -> JsonShape.optional(config, "format"))
        .ifPresent(
            format -> {
              throw new InvalidRequest(
                  "'output_config.format' (structured output) is not supported on /v1/messages.");
            });
  }
}
