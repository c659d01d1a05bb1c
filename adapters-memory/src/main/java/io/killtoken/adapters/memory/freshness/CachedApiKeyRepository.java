package io.killtoken.adapters.memory.freshness;

import io.killtoken.domain.apikey.ApiKey;
import io.killtoken.domain.apikey.ApiKeyHash;
import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.apikey.ApiKeyRepository;
import io.killtoken.domain.freshness.ChangeCounter;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * {@link ApiKeyRepository} that answers the gateway's per-request key lookup from memory while the
 * shared {@link ChangeCounter} stands still, and advances it after every change. Only live keys are
 * kept: an unknown hash always goes to the store, so random keys cannot fill the memory.
 */
public final class CachedApiKeyRepository implements ApiKeyRepository {

  private final ApiKeyRepository store;
  private final ChangeCounter counter;
  private final FreshCache<ApiKeyHash, Optional<ApiKey>> byHash;

  public CachedApiKeyRepository(
      ApiKeyRepository store, ChangeCounter counter, InstantSource clock, Duration maxAge) {
    this.store = store;
    this.counter = counter;
    this.byHash = new FreshCache<>(counter, clock, maxAge, 100_000);
  }

  @Override
  public Optional<ApiKey> findByHash(ApiKeyHash hash) {
    Optional<ApiKey> key = byHash.get(hash, () -> store.findByHash(hash));
    if (key.isEmpty()) {
      byHash.forget(hash);
    }
    return key;
  }

  @Override
  public void save(ApiKey key) {
    store.save(key);
    changed();
  }

  @Override
  public boolean replace(ApiKey key) {
    boolean replaced = store.replace(key);
    changed();
    return replaced;
  }

  @Override
  public boolean delete(TenantId tenant, ApiKeyId id) {
    boolean deleted = store.delete(tenant, id);
    changed();
    return deleted;
  }

  @Override
  public long deleteAllOf(TenantId tenant) {
    long deleted = store.deleteAllOf(tenant);
    changed();
    return deleted;
  }

  @Override
  public Optional<ApiKey> find(TenantId tenant, ApiKeyId id) {
    return store.find(tenant, id);
  }

  @Override
  public Page<ApiKey> list(TenantId tenant, PageRequest page) {
    return store.list(tenant, page);
  }

  @Override
  public void recordUse(ApiKeyId id, Instant usedAt) {
    // The last-used time is shown in the admin API, which reads the store; no cache to refresh.
    store.recordUse(id, usedAt);
  }

  private void changed() {
    byHash.clear();
    counter.advance();
  }
}
