package io.killtoken.adapters.providers.gemini;

import io.killtoken.domain.provider.LlmProvider;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.provider.ProviderModule;
import io.killtoken.domain.provider.ProviderSettings;
import java.net.URI;
import java.time.InstantSource;
import java.util.List;

/** The Google Gemini provider module, found by bootstrap through {@code META-INF/services}. */
public final class GeminiModule implements ProviderModule {

  /** Gemini's public endpoint; the operator may override it, tenants never can. */
  public static final URI DEFAULT_BASE_URL =
      URI.create("https://generativelanguage.googleapis.com/v1beta");

  @Override
  public List<ProviderId> ids() {
    return List.of(GeminiProvider.ID);
  }

  @Override
  public LlmProvider create(ProviderId id, ProviderSettings settings) {
    if (!GeminiProvider.ID.equals(id)) {
      throw new IllegalArgumentException("the Gemini module offers only " + GeminiProvider.ID);
    }
    URI base = settings.baseUrl().orElse(DEFAULT_BASE_URL);
    String scheme = base.getScheme();
    if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)
        || base.getHost() == null) {
      throw new IllegalArgumentException("the Gemini base URL must be an absolute http(s) URL");
    }
    if (base.getRawUserInfo() != null
        || base.getRawQuery() != null
        || base.getRawFragment() != null) {
      // Credentials or a query (Google's ?key=) in the base URL would end up in logs; the key
      // goes in the x-goog-api-key header only.
      throw new IllegalArgumentException(
          "the Gemini base URL must not carry user info, a query or a fragment");
    }
    return new GeminiProvider(base, settings, GeminiPrices.shipped(), InstantSource.system());
  }
}
