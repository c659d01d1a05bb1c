package io.killtoken.domain.apikey;

import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A tenant's API key as stored: its hash and preview, never the key itself. */
public record ApiKey(
    ApiKeyId id,
    TenantId tenantId,
    String name,
    ApiKeyHash hash,
    String preview,
    Set<ApiKeyScope> scopes,
    ApiKeyLimits limits,
    Instant createdAt,
    Optional<Instant> lastUsedAt) {

  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(preview, "preview");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    scopes = Set.copyOf(scopes);
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("an API key needs at least one scope");
    }
  }

  public boolean allows(ApiKeyScope scope) {
    return scopes.contains(scope);
  }

  public ApiKey withName(String newName) {
    return new ApiKey(id, tenantId, newName, hash, preview, scopes, limits, createdAt, lastUsedAt);
  }

  public ApiKey withLimits(ApiKeyLimits newLimits) {
    return new ApiKey(id, tenantId, name, hash, preview, scopes, newLimits, createdAt, lastUsedAt);
  }

  public ApiKey withScopes(Set<ApiKeyScope> newScopes) {
    return new ApiKey(id, tenantId, name, hash, preview, newScopes, limits, createdAt, lastUsedAt);
  }
}
