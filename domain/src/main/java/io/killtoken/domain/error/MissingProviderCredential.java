package io.killtoken.domain.error;

import io.killtoken.domain.provider.ProviderId;

/** Strict BYOK: the tenant holds no credential for the provider, so the call is refused. */
public final class MissingProviderCredential extends KillTokenException {

  private final ProviderId provider;

  public MissingProviderCredential(ProviderId provider) {
    super(
        "No credential for provider '"
            + provider.value()
            + "'. Add your own "
            + provider.value()
            + " key under /api/v1/credentials; KillToken never uses another key.");
    this.provider = provider;
  }

  public ProviderId provider() {
    return provider;
  }
}
