package io.killtoken.adapters.providers.anthropic;

import io.killtoken.domain.provider.LlmProvider;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.provider.ProviderModule;
import io.killtoken.domain.provider.ProviderSettings;
import java.net.URI;
import java.time.InstantSource;
import java.util.List;

/** The Anthropic provider module, found by bootstrap through {@code META-INF/services}. */
public final class AnthropicModule implements ProviderModule {

  /** Anthropic's public endpoint; the operator may override it, tenants never can. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.anthropic.com/v1");

  @Override
  public List<ProviderId> ids() {
    return List.of(AnthropicProvider.ID);
  }

  @Override
  public LlmProvider create(ProviderId id, ProviderSettings settings) {
    if (!AnthropicProvider.ID.equals(id)) {
      throw new IllegalArgumentException(
          "the Anthropic module offers only " + AnthropicProvider.ID);
    }
    URI base = settings.baseUrl().orElse(DEFAULT_BASE_URL);
    String scheme = base.getScheme();
    if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)
        || base.getHost() == null) {
      throw new IllegalArgumentException("the Anthropic base URL must be an absolute http(s) URL");
    }
    if (base.getRawUserInfo() != null
        || base.getRawQuery() != null
        || base.getRawFragment() != null) {
      // Credentials or a query in the base URL would end up in logs; the key goes in a header only.
      throw new IllegalArgumentException(
          "the Anthropic base URL must not carry user info, a query or a fragment");
    }
    return new AnthropicProvider(base, settings, AnthropicPrices.shipped(), InstantSource.system());
  }
}
