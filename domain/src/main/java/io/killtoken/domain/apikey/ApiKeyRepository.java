package io.killtoken.domain.apikey;

import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;

/** Port: where API keys (as hashes) are kept. Every read but the hash lookup is tenant-scoped. */
public interface ApiKeyRepository {

  /** Inserts the key or replaces the stored one with the same id and tenant. */
  void save(ApiKey key);

  /**
   * Replaces a stored key of the same tenant; false, and nothing written, when it is gone (revoked
   * meanwhile) or belongs to another tenant — an update never brings a revoked key back.
   */
  boolean replace(ApiKey key);

  /** The live key with this hash; a revoked key is gone. */
  Optional<ApiKey> findByHash(ApiKeyHash hash);

  Optional<ApiKey> find(TenantId tenant, ApiKeyId id);

  /** The tenant's keys ordered by id, a page at a time (the cursor is the last id). */
  Page<ApiKey> list(TenantId tenant, PageRequest page);

  /** Revokes the key at once; false when the tenant has no such key. */
  boolean delete(TenantId tenant, ApiKeyId id);

  /** Revokes every key of the tenant at once (account closing); returns how many there were. */
  long deleteAllOf(TenantId tenant);

  /** Moves the key's last-used time forward (never back). */
  void recordUse(ApiKeyId id, Instant usedAt);
}
