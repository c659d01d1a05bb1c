package io.killtoken.domain.apikey;

import io.killtoken.domain.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/** Port: where API keys (as hashes) are kept. Every read but the hash lookup is tenant-scoped. */
public interface ApiKeyRepository {

  void save(ApiKey key);

  /** The key with this hash, if it exists and is not revoked. */
  Optional<ApiKey> findByHash(ApiKeyHash hash);

  Optional<ApiKey> find(TenantId tenant, ApiKeyId id);

  List<ApiKey> list(TenantId tenant);

  /** Revokes the key; returns false when the tenant has no such key. */
  boolean delete(TenantId tenant, ApiKeyId id);
}
