package io.killtoken.domain.credential;

import io.killtoken.domain.error.MissingProviderCredential;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.secret.SecretCipher;
import io.killtoken.domain.tenant.TenantId;

/**
 * The strict BYOK policy: a provider call uses the calling tenant's own credential for that
 * provider and nothing else. There is no platform key and no fallback; without a credential the
 * call fails with {@link MissingProviderCredential} naming the provider.
 */
public final class StrictByok {

  private final CredentialRepository credentials;
  private final SecretCipher cipher;

  public StrictByok(CredentialRepository credentials, SecretCipher cipher) {
    this.credentials = credentials;
    this.cipher = cipher;
  }

  /** The tenant's own key for the provider, decrypted for one call. */
  public PlainSecret keyFor(TenantId tenant, ProviderId provider) {
    Credential credential =
        credentials
            .findForProvider(tenant, provider)
            .orElseThrow(() -> new MissingProviderCredential(provider));
    return cipher.open(credential.secret(), credential.binding());
  }
}
