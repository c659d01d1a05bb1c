package io.killtoken.adapters.providers.openai;

import io.killtoken.adapters.providers.openaiwire.OpenAiWireConfig;
import io.killtoken.adapters.providers.openaiwire.OpenAiWireProvider;
import io.killtoken.adapters.providers.openaiwire.PriceTable;
import io.killtoken.domain.provider.LlmProvider;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.provider.ProviderModule;
import io.killtoken.domain.provider.ProviderSettings;
import java.net.URI;
import java.util.List;

/**
 * The OpenAI provider module, found by bootstrap through {@code META-INF/services}: OpenAI's
 * endpoint, model names and prices on the shared OpenAI wire client.
 */
public final class OpenAiModule implements ProviderModule {

  public static final ProviderId ID = new ProviderId("openai");

  /** OpenAI's public endpoint; the operator may override it, tenants never can. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.openai.com/v1");

  /** OpenAI's own model families; no other provider names its models this way. */
  static final List<String> BARE_NAMES =
      List.of("gpt-", "chatgpt-", "o1", "o3", "o4", "text-embedding-", "omni-moderation-");

  @Override
  public List<ProviderId> ids() {
    return List.of(ID);
  }

  @Override
  public LlmProvider create(ProviderId id, ProviderSettings settings) {
    if (!ID.equals(id)) {
      throw new IllegalArgumentException("the OpenAI module offers only " + ID + ", not " + id);
    }
    return new OpenAiWireProvider(config(), settings);
  }

  static OpenAiWireConfig config() {
    return new OpenAiWireConfig(ID, "OpenAI", DEFAULT_BASE_URL, BARE_NAMES, prices(), true, true);
  }

  /** The price table shipped with the module ({@code openai-prices.properties}). */
  static PriceTable prices() {
    return PriceTable.fromResource(OpenAiModule.class, "openai-prices.properties");
  }
}
