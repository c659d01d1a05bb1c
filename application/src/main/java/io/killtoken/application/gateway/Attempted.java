package io.killtoken.application.gateway;

import io.killtoken.domain.usage.TokenUsage;
import io.killtoken.domain.usage.UsageStatus;
import java.util.Optional;

/**
 * What one upstream attempt that reached an end gave: the answer and how to account it.
 *
 * @param finishReason why the answer stopped, when the provider said
 */
record Attempted<T>(
    T answer,
    TokenUsage tokens,
    UsageStatus status,
    boolean estimated,
    Optional<String> finishReason) {}
