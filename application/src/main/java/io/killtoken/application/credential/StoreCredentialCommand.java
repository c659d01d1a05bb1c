package io.killtoken.application.credential;

import io.killtoken.domain.tenant.TenantId;

/**
 * Input of {@link StoreCredential#store}; the secret is never printed.
 *
 * @param baseUrl a server of the tenant's own to call instead of the provider's, or null; accepted
 *     only as far as the operator's {@link io.killtoken.domain.credential.BaseUrlMode} allows
 */
public record StoreCredentialCommand(
    TenantId tenant, String provider, String secret, String label, String baseUrl) {

  /** A credential for the provider's own endpoint. */
  public StoreCredentialCommand(TenantId tenant, String provider, String secret, String label) {
    this(tenant, provider, secret, label, null);
  }

  @Override
  public String toString() {
    // The base URL is left out too: it is not secret, but it never sits in one line with a key.
    return "StoreCredentialCommand[tenant=" + tenant.value() + ", provider=" + provider + "]";
  }
}
