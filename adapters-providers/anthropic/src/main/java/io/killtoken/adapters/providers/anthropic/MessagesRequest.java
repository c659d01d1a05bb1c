package io.killtoken.adapters.providers.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.provider.ChatCall;
import java.util.List;

/**
 * Translates an OpenAI Chat Completions request into an Anthropic Messages request. What Anthropic
 * can express is carried over; OpenAI-only knobs (penalties, logit_bias, logprobs, seed,
 * service_tier, store, reasoning_effort, …) are dropped rather than forwarded; what would change
 * the answer's shape without telling (several choices, legacy functions, audio) is a clear 400.
 */
final class MessagesRequest {

  /** Anthropic requires max_tokens; OpenAI clients usually leave it out. */
  static final int DEFAULT_MAX_TOKENS = 4096;

  private MessagesRequest() {}

  /** The Anthropic body for a call; {@code stream} asks Anthropic for server-sent events. */
  static ObjectNode of(ChatCall call, boolean stream) {
    JsonNode request = parse(call.body());
    JsonNode n = request.path("n");
    if (!n.isMissingNode() && !n.isNull() && !(n.canConvertToInt() && n.asInt() == 1)) {
      throw new InvalidRequest("Anthropic models return one choice per request; 'n' must be 1.");
    }
    MessageTurns conversation = MessageTurns.of(request.path("messages"));

    ObjectNode out = AnthropicWire.MAPPER.createObjectNode();
    out.put("model", call.model());
    out.put("max_tokens", maxTokens(request));
    List<ObjectNode> system = conversation.system();
    JsonInstruction.of(request.path("response_format"))
        .ifPresent(instruction -> system.add(ContentBlocks.text(instruction)));
    if (!system.isEmpty()) {
      out.putArray("system").addAll(system);
    }
    out.set("messages", conversation.turns());
    number(request, "temperature", out);
    number(request, "top_p", out);
    stopSequences(request.path("stop"), out);
    if (request.path("user").isTextual()) {
      out.putObject("metadata").put("user_id", request.path("user").asText());
    }
    ToolDefinitions.translate(request, out);
    if (stream) {
      out.put("stream", true);
    }
    return out;
  }

  /** Characters of the prompt, for a token estimate when a stream reports no usage. */
  static long promptChars(ObjectNode request) {
    long chars = 0;
    for (JsonNode block : request.path("system")) {
      chars += AnthropicWire.chars(block.path("text"));
    }
    for (JsonNode turn : request.path("messages")) {
      for (JsonNode block : turn.path("content")) {
        chars += AnthropicWire.chars(block.path("text"));
        if (block.has("input")) {
          chars += block.get("input").toString().length();
        }
        for (JsonNode inner : block.path("content")) {
          chars += AnthropicWire.chars(inner.path("text"));
        }
      }
    }
    return chars;
  }

  private static JsonNode parse(String body) {
    JsonNode request;
    try {
      request = AnthropicWire.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidRequest("The request body is not valid JSON.");
    }
    if (request == null || !request.isObject()) {
      throw new InvalidRequest("The request body must be a JSON object.");
    }
    return request;
  }

  // max_completion_tokens is the current OpenAI name, max_tokens the deprecated one.
  private static int maxTokens(JsonNode request) {
    JsonNode value = request.path("max_completion_tokens");
    if (value.isMissingNode() || value.isNull()) {
      value = request.path("max_tokens");
    }
    if (value.isMissingNode() || value.isNull()) {
      return DEFAULT_MAX_TOKENS;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
      throw new InvalidRequest("'max_tokens' must be a positive integer.");
    }
    return value.asInt();
  }

  private static void number(JsonNode request, String field, ObjectNode out) {
    JsonNode value = request.path(field);
    if (value.isNumber()) {
      out.set(field, value);
    } else if (!value.isMissingNode() && !value.isNull()) {
      throw new InvalidRequest("'" + field + "' must be a number.");
    }
  }

  private static void stopSequences(JsonNode stop, ObjectNode out) {
    if (stop.isMissingNode() || stop.isNull()) {
      return;
    }
    ArrayNode sequences = AnthropicWire.MAPPER.createArrayNode();
    if (stop.isTextual()) {
      sequences.add(stop.asText());
    } else if (stop.isArray()) {
      for (JsonNode sequence : stop) {
        if (!sequence.isTextual()) {
          throw new InvalidRequest("'stop' must be a string or a list of strings.");
        }
        sequences.add(sequence.asText());
      }
    } else {
      throw new InvalidRequest("'stop' must be a string or a list of strings.");
    }
    if (!sequences.isEmpty()) {
      out.set("stop_sequences", sequences);
    }
  }
}
