package io.killtoken.domain.provider;

import io.killtoken.domain.usage.TokenUsage;
import java.util.Objects;

/**
 * How a stream ended.
 *
 * @param usage tokens as the provider reported them, or as counted by KillToken when it did not
 * @param estimated true when the provider sent no usage and {@code usage} was counted
 * @param clientClosed true when the client disconnected before the end
 * @param finishReason the last finish reason seen, or {@code unknown}
 */
public record StreamOutcome(
    TokenUsage usage, boolean estimated, boolean clientClosed, String finishReason) {

  public StreamOutcome {
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(finishReason, "finishReason");
  }
}
