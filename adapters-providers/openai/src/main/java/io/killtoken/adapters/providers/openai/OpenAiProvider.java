package io.killtoken.adapters.providers.openai;

import io.killtoken.domain.provider.LlmProvider;
import io.killtoken.domain.provider.ProviderId;
import java.util.List;

/** The OpenAI provider module; registered through {@code META-INF/services}. */
public final class OpenAiProvider implements LlmProvider {

  public static final ProviderId ID = new ProviderId("openai");
  private static final List<String> PREFIXES =
      List.of("gpt-", "chatgpt-", "o1", "o3", "o4", "text-embedding-", "omni-moderation-");

  @Override
  public ProviderId id() {
    return ID;
  }

  @Override
  public boolean servesModel(String model) {
    return PREFIXES.stream().anyMatch(model::startsWith);
  }
}
