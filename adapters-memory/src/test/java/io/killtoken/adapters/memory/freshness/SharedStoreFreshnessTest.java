package io.killtoken.adapters.memory.freshness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.apikey.ApiKey;
import io.killtoken.domain.apikey.ApiKeyHash;
import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.apikey.ApiKeyLimits;
import io.killtoken.domain.apikey.ApiKeyRepository;
import io.killtoken.domain.apikey.ApiKeyScope;
import io.killtoken.domain.apikey.InMemoryApiKeyRepository;
import io.killtoken.domain.freshness.ChangeCounter;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Two nodes, each with its own in-memory cache, over one store and one shared change counter. */
class SharedStoreFreshnessTest {

  private final CountingStore store = new CountingStore();
  private final ChangeCounter shared = new InProcessChangeCounter();
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-29T10:00:00Z"));
  private final InstantSource clock = () -> now.get();
  private final ApiKeyRepository nodeA = node(shared);
  private final ApiKeyRepository nodeB = node(shared);

  @Test
  void repeated_lookups_of_a_live_key_are_answered_from_memory() {
    ApiKey key = key(TenantId.random());
    nodeA.save(key);

    for (int i = 0; i < 100; i++) {
      assertEquals(Optional.of(key), nodeB.findByHash(key.hash()));
    }

    assertEquals(1, store.lookups.get());
  }

  @Test
  void a_key_revoked_on_one_node_is_refused_by_the_next_lookup_on_the_other() {
    ApiKey key = key(TenantId.random());
    nodeA.save(key);
    assertTrue(nodeB.findByHash(key.hash()).isPresent());

    assertTrue(nodeA.delete(key.tenantId(), key.id()));

    assertEquals(Optional.empty(), nodeB.findByHash(key.hash()));
  }

  @Test
  void a_limit_changed_on_one_node_holds_on_the_other_at_once() {
    ApiKey key = key(TenantId.random());
    nodeA.save(key);
    nodeB.findByHash(key.hash());
    ApiKey limited = withRpm(key, 5);

    assertTrue(nodeA.replace(limited));

    assertEquals(Optional.of(limited), nodeB.findByHash(key.hash()));
  }

  @Test
  void an_unknown_key_is_looked_up_in_the_store_every_time_and_never_kept() {
    ApiKeyHash unknown = new ApiKeyHash("ab".repeat(32));

    for (int i = 0; i < 3; i++) {
      assertEquals(Optional.empty(), nodeA.findByHash(unknown));
    }

    assertEquals(3, store.lookups.get());
  }

  @Test
  void a_key_created_after_a_miss_is_found_at_once() {
    ApiKey key = key(TenantId.random());
    assertEquals(Optional.empty(), nodeB.findByHash(key.hash()));

    nodeA.save(key);

    assertEquals(Optional.of(key), nodeB.findByHash(key.hash()));
  }

  @Test
  void without_a_readable_counter_every_lookup_goes_to_the_store() {
    ApiKeyRepository blind = node(ChangeCounter.NONE);
    ApiKey key = key(TenantId.random());
    blind.save(key);

    blind.findByHash(key.hash());
    blind.findByHash(key.hash());

    assertEquals(2, store.lookups.get());
  }

  @Test
  void an_entry_older_than_its_maximum_age_is_reloaded_even_if_the_counter_stood_still() {
    ApiKey key = key(TenantId.random());
    store.save(key); // written behind the caches' back: no advance
    nodeA.findByHash(key.hash());

    now.set(now.get().plusSeconds(11));
    nodeA.findByHash(key.hash());

    assertEquals(2, store.lookups.get());
  }

  @Test
  void a_store_write_behind_the_counter_is_not_seen_until_the_entry_ages_out() {
    // Documents the bound: a node that missed an advance serves a stale record for max age at most.
    ApiKey key = key(TenantId.random());
    nodeA.save(key);
    nodeB.findByHash(key.hash());
    store.delete(key.tenantId(), key.id());

    assertTrue(nodeB.findByHash(key.hash()).isPresent());
    now.set(now.get().plusSeconds(11));
    assertFalse(nodeB.findByHash(key.hash()).isPresent());
  }

  private ApiKeyRepository node(ChangeCounter counter) {
    return new CachedApiKeyRepository(store, counter, clock, Duration.ofSeconds(10));
  }

  private static ApiKey key(TenantId tenant) {
    byte[] hash = new byte[32];
    new java.security.SecureRandom().nextBytes(hash);
    return new ApiKey(
        ApiKeyId.random(),
        tenant,
        "node test",
        new ApiKeyHash(HexFormat.of().formatHex(hash)),
        "kt_AbCd…x9Yz",
        Set.of(ApiKeyScope.GATEWAY),
        ApiKeyLimits.NONE,
        Instant.parse("2026-11-01T00:00:00Z"),
        Optional.empty());
  }

  private static ApiKey withRpm(ApiKey key, int rpm) {
    return new ApiKey(
        key.id(),
        key.tenantId(),
        key.name(),
        key.hash(),
        key.preview(),
        key.scopes(),
        new ApiKeyLimits(OptionalInt.of(rpm), Optional.empty(), Set.of()),
        key.createdAt(),
        key.lastUsedAt());
  }

  /** The shared store, counting the hash lookups that reach it. */
  private static final class CountingStore implements ApiKeyRepository {
    private final InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository();
    private final AtomicInteger lookups = new AtomicInteger();

    @Override
    public Optional<ApiKey> findByHash(ApiKeyHash hash) {
      lookups.incrementAndGet();
      return keys.findByHash(hash);
    }

    @Override
    public void save(ApiKey key) {
      keys.save(key);
    }

    @Override
    public boolean replace(ApiKey key) {
      return keys.replace(key);
    }

    @Override
    public Optional<ApiKey> find(TenantId tenant, ApiKeyId id) {
      return keys.find(tenant, id);
    }

    @Override
    public long deleteAllOf(TenantId tenant) {
      return keys.deleteAllOf(tenant);
    }

    @Override
    public Page<ApiKey> list(TenantId tenant, PageRequest page) {
      return keys.list(tenant, page);
    }

    @Override
    public boolean delete(TenantId tenant, ApiKeyId id) {
      return keys.delete(tenant, id);
    }

    @Override
    public void recordUse(ApiKeyId id, Instant usedAt) {
      keys.recordUse(id, usedAt);
    }
  }
}
