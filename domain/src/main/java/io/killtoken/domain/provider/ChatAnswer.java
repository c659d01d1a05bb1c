package io.killtoken.domain.provider;

import io.killtoken.domain.usage.TokenUsage;
import java.util.Objects;

/**
 * A provider's non-streamed answer in the OpenAI {@code chat.completion} format, with the usage it
 * reported and why it stopped.
 *
 * @param finishReason e.g. {@code stop}, {@code length}, {@code tool_calls}
 */
public record ChatAnswer(String body, TokenUsage usage, String finishReason) {

  public ChatAnswer {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(finishReason, "finishReason");
  }
}
