package io.killtoken.domain.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.tenant.TenantId;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ApiKeyRepository} must have; each implementation's test extends it.
 * Another tenant's key must behave exactly like a key that does not exist.
 */
public abstract class ApiKeyRepositoryContract {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Instant CREATED = Instant.parse("2026-11-01T10:15:30.123Z");

  protected abstract ApiKeyRepository repository();

  protected static ApiKeyHash randomHash() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new ApiKeyHash(HexFormat.of().formatHex(bytes));
  }

  /** A key with one scope, no limits and no recorded use. */
  protected static ApiKey key(TenantId tenant) {
    return key(tenant, ApiKeyId.random());
  }

  protected static ApiKey key(TenantId tenant, ApiKeyId id) {
    return new ApiKey(
        id,
        tenant,
        "ci key",
        randomHash(),
        "kt_AbCd…x9Yz",
        Set.of(ApiKeyScope.GATEWAY),
        ApiKeyLimits.NONE,
        CREATED,
        Optional.empty());
  }

  /** A key with every optional field set. */
  protected static ApiKey fullKey(TenantId tenant) {
    return new ApiKey(
        ApiKeyId.random(),
        tenant,
        "Prod backend — Ünïcode 🚀",
        randomHash(),
        "kt_Zz09…AaBb",
        Set.of(ApiKeyScope.GATEWAY, ApiKeyScope.ADMIN),
        new ApiKeyLimits(
            OptionalInt.of(600),
            Optional.of(new MicroDollars(12_345_678_901L)),
            Set.of("gpt-4o-mini", "claude-3-5-haiku-latest"),
            List.of("claude-3-5-haiku-latest", "gpt-4o-mini"),
            Optional.of(new MicroDollars(2_500_000))),
        CREATED,
        Optional.of(Instant.parse("2026-11-02T08:00:00.456Z")));
  }

  private static ApiKey usedAt(ApiKey key, Instant when) {
    return new ApiKey(
        key.id(),
        key.tenantId(),
        key.name(),
        key.hash(),
        key.preview(),
        key.scopes(),
        key.limits(),
        key.createdAt(),
        Optional.of(when));
  }

  @Test
  void a_saved_key_is_found_by_hash_and_by_tenant_and_id_with_every_field() {
    ApiKey key = fullKey(TenantId.random());

    repository().save(key);

    assertEquals(Optional.of(key), repository().findByHash(key.hash()));
    assertEquals(Optional.of(key), repository().find(key.tenantId(), key.id()));
  }

  @Test
  void a_key_without_limits_or_use_comes_back_with_empty_optionals() {
    ApiKey key = key(TenantId.random());

    repository().save(key);

    ApiKey found = repository().find(key.tenantId(), key.id()).orElseThrow();
    assertEquals(key, found);
    assertEquals(ApiKeyLimits.NONE, found.limits());
    assertTrue(found.lastUsedAt().isEmpty());
  }

  @Test
  void a_key_with_only_some_limits_keeps_the_others_empty() {
    TenantId tenant = TenantId.random();
    ApiKey rpmOnly =
        key(tenant).withLimits(new ApiKeyLimits(OptionalInt.of(1), Optional.empty(), Set.of("m")));
    ApiKey budgetOnly =
        key(tenant)
            .withLimits(
                new ApiKeyLimits(OptionalInt.empty(), Optional.of(MicroDollars.ZERO), Set.of()));

    repository().save(rpmOnly);
    repository().save(budgetOnly);

    assertEquals(Optional.of(rpmOnly), repository().find(tenant, rpmOnly.id()));
    assertEquals(Optional.of(budgetOnly), repository().find(tenant, budgetOnly.id()));
  }

  @Test
  void an_unknown_hash_or_id_finds_nothing() {
    assertTrue(repository().findByHash(randomHash()).isEmpty());
    assertTrue(repository().find(TenantId.random(), ApiKeyId.random()).isEmpty());
  }

  @Test
  void another_tenant_finds_nothing_under_the_keys_id() {
    ApiKey key = key(TenantId.random());
    repository().save(key);

    assertTrue(repository().find(TenantId.random(), key.id()).isEmpty());
  }

  @Test
  void another_tenant_cannot_delete_the_key() {
    ApiKey key = key(TenantId.random());
    repository().save(key);

    assertFalse(repository().delete(TenantId.random(), key.id()));

    assertEquals(Optional.of(key), repository().findByHash(key.hash()));
    assertEquals(Optional.of(key), repository().find(key.tenantId(), key.id()));
  }

  @Test
  void a_deleted_key_is_refused_by_its_hash_at_once() {
    ApiKey key = key(TenantId.random());
    repository().save(key);

    assertTrue(repository().delete(key.tenantId(), key.id()));

    assertTrue(repository().findByHash(key.hash()).isEmpty());
    assertTrue(repository().find(key.tenantId(), key.id()).isEmpty());
    assertFalse(repository().delete(key.tenantId(), key.id()), "it is gone already");
  }

  @Test
  void saving_under_another_tenants_id_leaves_their_key_unchanged() {
    ApiKey victim = fullKey(TenantId.random());
    repository().save(victim);
    TenantId attacker = TenantId.random();
    ApiKey forged = key(attacker, victim.id());

    repository().save(forged);

    assertEquals(Optional.of(victim), repository().find(victim.tenantId(), victim.id()));
    assertEquals(Optional.of(victim), repository().findByHash(victim.hash()));
    assertTrue(repository().find(attacker, victim.id()).isEmpty(), "nothing is stored for it");
    assertTrue(repository().findByHash(forged.hash()).isEmpty(), "its hash opens nothing");
  }

  @Test
  void saving_another_key_with_a_stored_hash_leaves_the_first_key_answering_for_it() {
    ApiKey first = key(TenantId.random());
    repository().save(first);
    ApiKey copy =
        new ApiKey(
            ApiKeyId.random(),
            TenantId.random(),
            "copy",
            first.hash(),
            first.preview(),
            Set.of(ApiKeyScope.ADMIN),
            ApiKeyLimits.NONE,
            CREATED,
            Optional.empty());

    repository().save(copy);

    assertEquals(Optional.of(first), repository().findByHash(first.hash()));
    assertTrue(repository().find(copy.tenantId(), copy.id()).isEmpty());
  }

  @Test
  void saving_again_replaces_name_scopes_and_limits_of_the_tenants_own_key() {
    ApiKey key = key(TenantId.random());
    repository().save(key);
    ApiKey edited =
        key.withName("renamed")
            .withScopes(Set.of(ApiKeyScope.ADMIN))
            .withLimits(new ApiKeyLimits(OptionalInt.of(5), Optional.empty(), Set.of("gpt-4o")));

    repository().save(edited);

    assertEquals(Optional.of(edited), repository().find(key.tenantId(), key.id()));
    assertEquals(Optional.of(edited), repository().findByHash(key.hash()));
    assertEquals(1, repository().list(key.tenantId(), PageRequest.first()).items().size());
  }

  @Test
  void a_list_holds_only_the_tenants_keys_ordered_by_id() {
    TenantId mine = TenantId.random();
    TenantId theirs = TenantId.random();
    List<ApiKey> own = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      own.add(key(mine));
      repository().save(key(theirs));
    }
    own.forEach(repository()::save);

    Page<ApiKey> page = repository().list(mine, PageRequest.first());

    assertEquals(sortedById(own), page.items());
    assertTrue(page.nextCursor().isEmpty());
  }

  @Test
  void a_tenant_without_keys_lists_nothing() {
    repository().save(key(TenantId.random()));

    Page<ApiKey> page = repository().list(TenantId.random(), PageRequest.first());

    assertTrue(page.items().isEmpty());
    assertTrue(page.nextCursor().isEmpty());
  }

  @Test
  void twenty_five_keys_come_in_pages_of_ten_ten_and_five_without_gaps_or_repeats() {
    TenantId tenant = TenantId.random();
    List<ApiKey> keys = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      keys.add(key(tenant));
      repository().save(key(TenantId.random()));
    }
    keys.forEach(repository()::save);

    Page<ApiKey> first = repository().list(tenant, new PageRequest(10, Optional.empty()));
    Page<ApiKey> second = repository().list(tenant, new PageRequest(10, first.nextCursor()));
    Page<ApiKey> third = repository().list(tenant, new PageRequest(10, second.nextCursor()));

    assertEquals(10, first.items().size());
    assertEquals(10, second.items().size());
    assertEquals(5, third.items().size());
    assertEquals(Optional.of(first.items().getLast().id().value()), first.nextCursor());
    assertEquals(Optional.of(second.items().getLast().id().value()), second.nextCursor());
    assertTrue(third.nextCursor().isEmpty(), "the last page has no cursor");
    List<ApiKey> all = new ArrayList<>(first.items());
    all.addAll(second.items());
    all.addAll(third.items());
    assertEquals(sortedById(keys), all);
  }

  @Test
  void a_page_never_holds_more_than_the_maximum() {
    TenantId tenant = TenantId.random();
    for (int i = 0; i < PageRequest.MAX_LIMIT + 1; i++) {
      repository().save(key(tenant));
    }

    Page<ApiKey> first = repository().list(tenant, new PageRequest(10_000, Optional.empty()));
    Page<ApiKey> rest = repository().list(tenant, new PageRequest(10_000, first.nextCursor()));

    assertEquals(PageRequest.MAX_LIMIT, first.items().size());
    assertTrue(first.nextCursor().isPresent());
    assertEquals(1, rest.items().size());
    assertTrue(rest.nextCursor().isEmpty());
  }

  @Test
  void a_cursor_is_only_a_position_and_never_reaches_into_another_tenant() {
    TenantId mine = TenantId.random();
    ApiKey own = key(mine);
    ApiKey theirs = key(TenantId.random());
    repository().save(own);
    repository().save(theirs);

    for (String cursor : List.of("", "{\"$gt\": \"\"}", theirs.id().value(), "'; return true")) {
      Page<ApiKey> page = repository().list(mine, new PageRequest(10, Optional.of(cursor)));
      assertTrue(
          page.items().stream().allMatch(k -> k.tenantId().equals(mine)),
          "only the tenant's keys after " + cursor);
      assertTrue(
          page.items().stream().allMatch(k -> k.id().value().compareTo(cursor) > 0),
          "only keys after " + cursor);
    }
  }

  @Test
  void recording_use_moves_the_last_used_time_forward_and_never_back() {
    ApiKey key = key(TenantId.random());
    repository().save(key);
    Instant noon = Instant.parse("2026-11-03T12:00:00.250Z");

    repository().recordUse(key.id(), noon);
    assertEquals(Optional.of(usedAt(key, noon)), repository().find(key.tenantId(), key.id()));

    repository().recordUse(key.id(), noon.minusSeconds(3600));
    assertEquals(Optional.of(noon), lastUsed(key), "an older use does not move it back");

    repository().recordUse(key.id(), noon.plusMillis(1));
    assertEquals(Optional.of(noon.plusMillis(1)), lastUsed(key), "a newer use moves it on");
    assertEquals(Optional.of(usedAt(key, noon.plusMillis(1))), repository().findByHash(key.hash()));
  }

  @Test
  void recording_use_of_a_deleted_key_does_not_bring_it_back() {
    ApiKey key = key(TenantId.random());
    repository().save(key);
    repository().delete(key.tenantId(), key.id());

    repository().recordUse(key.id(), Instant.parse("2026-11-03T12:00:00Z"));

    assertTrue(repository().findByHash(key.hash()).isEmpty());
    assertTrue(repository().find(key.tenantId(), key.id()).isEmpty());
    assertTrue(repository().list(key.tenantId(), PageRequest.first()).items().isEmpty());
  }

  private Optional<Instant> lastUsed(ApiKey key) {
    return repository().find(key.tenantId(), key.id()).orElseThrow().lastUsedAt();
  }

  private static List<ApiKey> sortedById(List<ApiKey> keys) {
    List<ApiKey> sorted = new ArrayList<>(keys);
    sorted.sort((a, b) -> a.id().value().compareTo(b.id().value()));
    assertEquals(keys.size(), new HashSet<>(sorted).size(), "ids are distinct");
    return sorted;
  }

  @Test
  void replace_updates_a_live_key_of_the_same_tenant() {
    ApiKey key = key(TenantId.random());
    repository().save(key);

    assertTrue(repository().replace(key.withName("renamed")));
    assertEquals("renamed", repository().find(key.tenantId(), key.id()).orElseThrow().name());
  }

  @Test
  void replace_never_brings_a_revoked_key_back() {
    ApiKey key = key(TenantId.random());
    repository().save(key);
    repository().delete(key.tenantId(), key.id());

    assertFalse(repository().replace(key.withName("resurrected")));
    assertTrue(repository().findByHash(key.hash()).isEmpty());
    assertTrue(repository().find(key.tenantId(), key.id()).isEmpty());
  }

  @Test
  void replace_with_another_tenants_id_changes_nothing() {
    ApiKey victim = key(TenantId.random());
    repository().save(victim);
    ApiKey forged = key(TenantId.random(), victim.id());

    assertFalse(repository().replace(forged));
    assertEquals(victim, repository().find(victim.tenantId(), victim.id()).orElseThrow());
  }

  @Test
  void deleting_all_of_a_tenants_keys_counts_them_and_leaves_other_tenants_keys() {
    TenantId closing = TenantId.random();
    TenantId other = TenantId.random();
    ApiKey first = key(closing);
    ApiKey second = fullKey(closing);
    ApiKey theirs = key(other);
    repository().save(first);
    repository().save(second);
    repository().save(theirs);

    assertEquals(2, repository().deleteAllOf(closing));

    assertTrue(repository().findByHash(first.hash()).isEmpty());
    assertTrue(repository().find(closing, second.id()).isEmpty());
    assertEquals(Optional.of(theirs), repository().findByHash(theirs.hash()));
    assertEquals(0, repository().deleteAllOf(closing), "nothing is left to delete");
  }
}
