package io.killtoken.domain.credential;

import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.SealedSecret;
import io.killtoken.domain.secret.SecretBinding;
import io.killtoken.domain.tenant.TenantId;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's own provider key (BYOK), stored sealed with a non-sensitive preview beside it, and
 * optionally the base URL of a server of the tenant's own to call instead of the provider's.
 *
 * @param baseUrl not a secret; set only through {@link CustomBaseUrls} and checked again there
 *     before each call
 */
public record Credential(
    CredentialId id,
    TenantId tenantId,
    ProviderId provider,
    String label,
    SealedSecret secret,
    String preview,
    Instant createdAt,
    Instant rotatedAt,
    Optional<URI> baseUrl) {

  public Credential {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(preview, "preview");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(rotatedAt, "rotatedAt");
    Objects.requireNonNull(baseUrl, "baseUrl");
    baseUrl.ifPresent(
        url -> {
          // A last line of defence against a tampered record: never a file:, jar: or relative URL.
          String scheme = String.valueOf(url.getScheme());
          if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL");
          }
        });
  }

  /** A credential calling the provider's own endpoint. */
  public Credential(
      CredentialId id,
      TenantId tenantId,
      ProviderId provider,
      String label,
      SealedSecret secret,
      String preview,
      Instant createdAt,
      Instant rotatedAt) {
    this(id, tenantId, provider, label, secret, preview, createdAt, rotatedAt, Optional.empty());
  }

  /** The same credential with a new secret; everything else, the base URL included, is kept. */
  public Credential withSecret(SealedSecret newSecret, String newPreview, Instant when) {
    return new Credential(
        id, tenantId, provider, label, newSecret, newPreview, createdAt, when, baseUrl);
  }

  /** The associated data this credential's ciphertext is sealed under. */
  public SecretBinding binding() {
    return new SecretBinding(tenantId, id.value());
  }
}
