package io.killtoken.adapters.providers.openaicompatible;

import io.killtoken.adapters.providers.openaiwire.OpenAiWireConfig;
import io.killtoken.adapters.providers.openaiwire.OpenAiWireProvider;
import io.killtoken.domain.provider.LlmProvider;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.provider.ProviderModule;
import io.killtoken.domain.provider.ProviderSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The module of every OpenAI-compatible provider declared as data in {@code
 * openai-compatible-providers.json} (Mistral, Groq, DeepSeek, Together, OpenRouter, xAI, Fireworks,
 * …), each on the shared OpenAI wire client at its own fixed endpoint; found through {@code
 * META-INF/services}.
 */
public final class OpenAiCompatibleModule implements ProviderModule {

  private final Map<ProviderId, OpenAiWireConfig> providers = new LinkedHashMap<>();

  /** The providers shipped in the data file; a broken file fails here, at startup. */
  public OpenAiCompatibleModule() {
    this(CompatibleProviders.shipped());
  }

  OpenAiCompatibleModule(List<OpenAiWireConfig> configs) {
    configs.forEach(config -> providers.put(config.id(), config));
  }

  @Override
  public List<ProviderId> ids() {
    return List.copyOf(providers.keySet());
  }

  @Override
  public LlmProvider create(ProviderId id, ProviderSettings settings) {
    OpenAiWireConfig config = providers.get(id);
    if (config == null) {
      throw new IllegalArgumentException(
          "the openai-compatible module offers " + ids() + ", not " + id);
    }
    return new OpenAiWireProvider(config, settings);
  }
}
