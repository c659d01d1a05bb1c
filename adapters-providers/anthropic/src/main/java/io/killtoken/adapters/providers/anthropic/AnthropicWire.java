package io.killtoken.adapters.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.usage.TokenUsage;

/**
 * What the request, answer and stream translations share: the JSON mapper, Anthropic's stop reasons
 * as OpenAI finish reasons, Anthropic usage as OpenAI usage, and the rough token estimate.
 */
final class AnthropicWire {

  static final ObjectMapper MAPPER = new ObjectMapper();

  /** The finish reason when the upstream never gave one. */
  static final String UNKNOWN_FINISH = "unknown";

  private AnthropicWire() {}

  /** Anthropic's {@code stop_reason} as the OpenAI {@code finish_reason} clients expect. */
  static String finishReason(String stopReason) {
    if (stopReason == null) {
      return UNKNOWN_FINISH;
    }
    return switch (stopReason) {
      case "max_tokens", "model_context_window_exceeded" -> "length";
      case "tool_use" -> "tool_calls";
      case "refusal" -> "content_filter";
      // end_turn, stop_sequence, and pause_turn (a server tool paused; the turn did end here).
      default -> "stop";
    };
  }

  /**
   * Anthropic counts prompt tokens in three buckets (fresh, written to the prompt cache, read from
   * it); OpenAI's prompt_tokens is their sum, of which cached_tokens were read from the cache.
   */
  static TokenUsage usage(long input, long cacheRead, long cacheCreation, long output) {
    long prompt = input + cacheRead + cacheCreation;
    return new TokenUsage(prompt, output, Math.min(cacheRead, prompt));
  }

  /** The OpenAI {@code usage} object for the given tokens. */
  static ObjectNode openAiUsage(TokenUsage usage) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("prompt_tokens", usage.input());
    node.put("completion_tokens", usage.output());
    node.put("total_tokens", usage.total());
    node.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedInput());
    return node;
  }

  /** A token count from a usage field; a missing, null or nonsensical count is zero. */
  static long count(JsonNode node) {
    return node.canConvertToLong() ? Math.max(0, node.asLong()) : 0;
  }

  /** The usual rough rule for English text: four characters a token, rounded up. */
  static long tokensFor(long chars) {
    return Math.ceilDiv(chars, 4);
  }

  static long chars(JsonNode node) {
    return node.isTextual() ? node.asText().length() : 0;
  }
}
