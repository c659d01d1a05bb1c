package io.killtoken.application.credential;

import io.killtoken.domain.tenant.TenantId;

/** Input of {@link StoreCredential#store}; the secret is never printed. */
public record StoreCredentialCommand(
    TenantId tenant, String provider, String secret, String label) {

  @Override
  public String toString() {
    return "StoreCredentialCommand[tenant=" + tenant.value() + ", provider=" + provider + "]";
  }
}
