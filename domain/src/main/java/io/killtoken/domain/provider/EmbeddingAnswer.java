package io.killtoken.domain.provider;

import io.killtoken.domain.usage.TokenUsage;
import java.util.Objects;

/** A provider's embeddings answer in the OpenAI {@code list} format, with the tokens it used. */
public record EmbeddingAnswer(String body, TokenUsage usage) {

  public EmbeddingAnswer {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(usage, "usage");
  }
}
