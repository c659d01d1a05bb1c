package io.killtoken.domain.credential;

import io.killtoken.domain.error.CredentialUnreadable;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.MissingProviderCredential;
import io.killtoken.domain.error.SecretUnavailable;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.secret.SecretCipher;
import io.killtoken.domain.tenant.TenantId;
import java.net.URI;
import java.util.Optional;

/**
 * The strict BYOK policy: a provider call uses the calling tenant's own credential for that
 * provider and nothing else. There is no platform key and no fallback; without a credential the
 * call fails with {@link MissingProviderCredential} naming the provider. A credential's own base
 * URL is checked again by {@link CustomBaseUrls} on every call.
 */
public final class StrictByok {

  private final CredentialRepository credentials;
  private final SecretCipher cipher;
  private final CustomBaseUrls baseUrls;

  /** With custom base URLs off: a credential that has one is refused, never sent elsewhere. */
  public StrictByok(CredentialRepository credentials, SecretCipher cipher) {
    this(credentials, cipher, CustomBaseUrls.off());
  }

  public StrictByok(
      CredentialRepository credentials, SecretCipher cipher, CustomBaseUrls baseUrls) {
    this.credentials = credentials;
    this.cipher = cipher;
    this.baseUrls = baseUrls;
  }

  /**
   * The tenant's own key for the provider, decrypted for one call, and where to send it: the
   * credential's base URL (checked again now) or, when it has none, the provider's own.
   */
  public UpstreamAccess accessFor(TenantId tenant, ProviderId provider) {
    Credential credential = credentialFor(tenant, provider);
    // Checked before the key is opened: a refused destination never sees a decrypted key.
    Optional<URI> baseUrl = credential.baseUrl().map(baseUrls::checkedForCall);
    return new UpstreamAccess(credential.id(), open(credential), baseUrl);
  }

  /**
   * The tenant's own key for the provider, for callers that can only call the provider's own
   * endpoint: a credential with a base URL of its own is refused rather than sent there.
   */
  public PlainSecret keyFor(TenantId tenant, ProviderId provider) {
    Credential credential = credentialFor(tenant, provider);
    if (credential.baseUrl().isPresent()) {
      throw new InvalidRequest(
          "The '"
              + provider.value()
              + "' credential has its own base URL, which this endpoint cannot call.");
    }
    return open(credential);
  }

  /** The decrypted key; one that no longer opens is named (id, provider) with what to do. */
  private PlainSecret open(Credential credential) {
    try {
      return cipher.open(credential.secret(), credential.binding());
    } catch (SecretUnavailable unreadable) {
      throw new CredentialUnreadable(credential.id(), credential.provider());
    }
  }

  private Credential credentialFor(TenantId tenant, ProviderId provider) {
    return credentials
        .findForProvider(tenant, provider)
        .orElseThrow(() -> new MissingProviderCredential(provider));
  }
}
