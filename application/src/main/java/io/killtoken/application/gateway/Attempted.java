package io.killtoken.application.gateway;

import io.killtoken.domain.usage.TokenUsage;
import io.killtoken.domain.usage.UsageStatus;

/** What one upstream attempt that reached an end gave: the answer and how to account it. */
record Attempted<T>(T answer, TokenUsage tokens, UsageStatus status, boolean estimated) {}
