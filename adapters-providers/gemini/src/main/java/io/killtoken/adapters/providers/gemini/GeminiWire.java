package io.killtoken.adapters.providers.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.usage.TokenUsage;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What both directions of the translation share: the JSON mapper, Gemini's usage metadata in OpenAI
 * terms, finish reasons, generated ids and the rough token estimate.
 */
final class GeminiWire {

  static final ObjectMapper MAPPER = new ObjectMapper();

  /** The finish reason when the upstream never gave one. */
  static final String UNKNOWN_FINISH = "unknown";

  private static final char[] ID_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private GeminiWire() {}

  /** The client's OpenAI body as a JSON object, or a clear 400. */
  static ObjectNode object(String body) {
    JsonNode parsed;
    try {
      parsed = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidRequest("The request body is not valid JSON.");
    }
    if (!(parsed instanceof ObjectNode object)) {
      throw new InvalidRequest("The request body must be a JSON object.");
    }
    return object;
  }

  /**
   * Gemini's {@code usageMetadata} as tokens. Thinking tokens are billed as output, so they count
   * as completion tokens; tool-use prompt tokens (search grounding, code execution) are billed as
   * input. {@code promptTokenCount} already includes the cached tokens.
   */
  static Optional<TokenUsage> usage(JsonNode response) {
    JsonNode meta = response.path("usageMetadata");
    if (!meta.isObject()) {
      return Optional.empty();
    }
    long input = count(meta.path("promptTokenCount")) + count(meta.path("toolUsePromptTokenCount"));
    long output = count(meta.path("candidatesTokenCount")) + count(meta.path("thoughtsTokenCount"));
    long cached = count(meta.path("cachedContentTokenCount"));
    // TokenUsage refuses cached > input; an upstream's inconsistency must not fail the call.
    return Optional.of(new TokenUsage(input, output, Math.min(cached, input)));
  }

  /** Thinking tokens alone, reported to OpenAI clients as {@code reasoning_tokens}. */
  static long thoughts(JsonNode response) {
    return count(response.path("usageMetadata").path("thoughtsTokenCount"));
  }

  /** An OpenAI {@code usage} object. */
  static ObjectNode usageJson(TokenUsage usage, long reasoning) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("prompt_tokens", usage.input());
    json.put("completion_tokens", usage.output());
    json.put("total_tokens", usage.total());
    json.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedInput());
    json.putObject("completion_tokens_details").put("reasoning_tokens", reasoning);
    return json;
  }

  /**
   * Gemini's finish reason in OpenAI's words. A candidate that called functions finished with
   * {@code tool_calls} (Gemini says STOP there), unless it was cut short or filtered.
   */
  static String finishReason(String gemini, boolean calledFunctions) {
    return switch (gemini) {
      case "MAX_TOKENS" -> "length";
      case "SAFETY",
          "RECITATION",
          "BLOCKLIST",
          "PROHIBITED_CONTENT",
          "SPII",
          "IMAGE_SAFETY",
          "IMAGE_PROHIBITED_CONTENT" ->
          "content_filter";
      // STOP, OTHER, MALFORMED_FUNCTION_CALL, LANGUAGE, and reasons Gemini adds later: OpenAI has
      // no closer word than "stop" for an answer that simply ended.
      default -> calledFunctions ? "tool_calls" : "stop";
    };
  }

  /** A fresh id with an OpenAI-style prefix, e.g. {@code call_…} or {@code chatcmpl-…}. */
  static String id(String prefix) {
    // Ids only need to be unique within an answer and unlikely to repeat; nothing secret rides
    // on them, so a fast non-cryptographic source is enough.
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder id = new StringBuilder(prefix);
    for (int i = 0; i < 24; i++) {
      id.append(ID_CHARS[random.nextInt(ID_CHARS.length)]);
    }
    return id.toString();
  }

  /** Characters of the prompt: message texts (strings or text parts) and tool-call arguments. */
  static long promptChars(JsonNode openAi) {
    long chars = 0;
    for (JsonNode message : openAi.path("messages")) {
      JsonNode content = message.path("content");
      if (content.isArray()) {
        for (JsonNode part : content) {
          chars += textLength(part.path("text"));
        }
      } else {
        chars += textLength(content);
      }
      for (JsonNode tool : message.path("tool_calls")) {
        chars += textLength(tool.path("function").path("arguments"));
      }
    }
    return chars;
  }

  /** The usual rough rule for English text: four characters a token, rounded up. */
  static long tokensFor(long chars) {
    return Math.ceilDiv(chars, 4);
  }

  static long count(JsonNode node) {
    return node.canConvertToLong() ? Math.max(0, node.asLong()) : 0;
  }

  static long textLength(JsonNode node) {
    return node.isTextual() ? node.asText().length() : 0;
  }
}
