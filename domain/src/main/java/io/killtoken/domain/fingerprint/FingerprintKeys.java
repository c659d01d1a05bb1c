package io.killtoken.domain.fingerprint;

import io.killtoken.domain.Digests;
import io.killtoken.domain.tenant.TenantId;

/**
 * Derives each tenant's fingerprint key from one server secret (HMAC-SHA256 of the tenant id), so
 * no per-tenant key has to be stored and two tenants' keys are unrelated.
 */
public final class FingerprintKeys {

  private final byte[] secret;

  public FingerprintKeys(byte[] secret) {
    if (secret == null || secret.length < 32) {
      throw new IllegalArgumentException("the fingerprint secret has at least 256 bits");
    }
    this.secret = secret.clone();
  }

  public FingerprintKey forTenant(TenantId tenant) {
    return new FingerprintKey(Digests.hmacSha256(secret, "fingerprint|" + tenant.value()));
  }

  @Override
  public String toString() {
    return "FingerprintKeys[redacted]";
  }
}
