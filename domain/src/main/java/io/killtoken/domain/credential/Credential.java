package io.killtoken.domain.credential;

import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.SealedSecret;
import io.killtoken.domain.secret.SecretBinding;
import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;

/** A tenant's own provider key (BYOK), stored sealed with a non-sensitive preview beside it. */
public record Credential(
    CredentialId id,
    TenantId tenantId,
    ProviderId provider,
    String label,
    SealedSecret secret,
    String preview,
    Instant createdAt,
    Instant rotatedAt) {

  public Credential {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(preview, "preview");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(rotatedAt, "rotatedAt");
  }

  public Credential withSecret(SealedSecret newSecret, String newPreview, Instant when) {
    return new Credential(id, tenantId, provider, label, newSecret, newPreview, createdAt, when);
  }

  /** The associated data this credential's ciphertext is sealed under. */
  public SecretBinding binding() {
    return new SecretBinding(tenantId, id.value());
  }
}
