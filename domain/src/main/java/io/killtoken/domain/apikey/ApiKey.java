package io.killtoken.domain.apikey;

import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/** A tenant's API key as stored: its hash and preview, never the key itself. */
public record ApiKey(
    ApiKeyId id,
    TenantId tenantId,
    String name,
    ApiKeyHash hash,
    String preview,
    Set<ApiKeyScope> scopes,
    Instant createdAt) {

  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(preview, "preview");
    Objects.requireNonNull(createdAt, "createdAt");
    scopes = Set.copyOf(scopes);
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("an API key needs at least one scope");
    }
  }

  public boolean allows(ApiKeyScope scope) {
    return scopes.contains(scope);
  }
}
