package io.killtoken.domain.apikey;

import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** In-memory twin of {@link ApiKeyRepository}; held to the same contract as the real ones. */
public final class InMemoryApiKeyRepository implements ApiKeyRepository {

  private final Map<String, ApiKey> keys = new ConcurrentSkipListMap<>();

  /**
   * Like a unique index on id and one on hash: a key whose id belongs to another tenant, or whose
   * hash belongs to another key, is not saved. Synchronized because the hash check spans keys.
   */
  @Override
  public synchronized void save(ApiKey key) {
    boolean hashTaken =
        keys.values().stream()
            .anyMatch(k -> k.hash().equals(key.hash()) && !k.id().equals(key.id()));
    if (hashTaken) {
      return;
    }
    keys.compute(
        key.id().value(),
        (id, stored) -> stored == null || stored.tenantId().equals(key.tenantId()) ? key : stored);
  }

  @Override
  public boolean replace(ApiKey key) {
    boolean[] replaced = {false};
    keys.computeIfPresent(
        key.id().value(),
        (id, stored) -> {
          if (!stored.tenantId().equals(key.tenantId()) || !stored.hash().equals(key.hash())) {
            return stored;
          }
          replaced[0] = true;
          return key;
        });
    return replaced[0];
  }

  @Override
  public Optional<ApiKey> findByHash(ApiKeyHash hash) {
    return keys.values().stream().filter(k -> k.hash().equals(hash)).findFirst();
  }

  @Override
  public Optional<ApiKey> find(TenantId tenant, ApiKeyId id) {
    return Optional.ofNullable(keys.get(id.value())).filter(k -> k.tenantId().equals(tenant));
  }

  @Override
  public Page<ApiKey> list(TenantId tenant, PageRequest page) {
    return Page.of(
        keys.values().stream()
            .filter(k -> k.tenantId().equals(tenant))
            .filter(k -> page.after().map(a -> k.id().value().compareTo(a) > 0).orElse(true))
            .limit(page.limit() + 1L)
            .toList(),
        page.limit(),
        k -> k.id().value());
  }

  @Override
  public boolean delete(TenantId tenant, ApiKeyId id) {
    return find(tenant, id).map(k -> keys.remove(id.value()) != null).orElse(false);
  }

  @Override
  public long deleteAllOf(TenantId tenant) {
    long before = keys.size();
    keys.values().removeIf(k -> k.tenantId().equals(tenant));
    return before - keys.size();
  }

  @Override
  public void recordUse(ApiKeyId id, Instant usedAt) {
    keys.computeIfPresent(
        id.value(),
        (key, stored) ->
            stored.lastUsedAt().filter(last -> !last.isBefore(usedAt)).isPresent()
                ? stored
                : new ApiKey(
                    stored.id(),
                    stored.tenantId(),
                    stored.name(),
                    stored.hash(),
                    stored.preview(),
                    stored.scopes(),
                    stored.limits(),
                    stored.createdAt(),
                    Optional.of(usedAt)));
  }
}
