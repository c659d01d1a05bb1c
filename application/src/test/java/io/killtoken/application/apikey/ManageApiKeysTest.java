package io.killtoken.application.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.apikey.ApiKey;
import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.apikey.ApiKeyLimits;
import io.killtoken.domain.apikey.ApiKeyScope;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.NotFound;
import io.killtoken.domain.error.PermissionDenied;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ManageApiKeysTest {

  private final ApiKeyFixture f = new ApiKeyFixture();

  private static UpdateApiKeyCommand nothing(ApiKey key) {
    return new UpdateApiKeyCommand(
        key.tenantId(), key.id(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Test
  void show_returns_the_tenants_key() {
    IssuedApiKey issued = f.issue(f.tenantA, "ci", ApiKeyScope.GATEWAY);

    assertEquals(issued.key(), f.manage.show(f.tenantA, issued.key().id()));
  }

  @Test
  void update_renames_a_key_and_leaves_the_rest_alone() {
    ApiKey key = f.issue(f.tenantA, "ci", ApiKeyScope.GATEWAY).key();

    ApiKey renamed =
        f.manage.update(
            new UpdateApiKeyCommand(
                f.tenantA,
                key.id(),
                Optional.of(" nightly builds "),
                Optional.empty(),
                Optional.empty()));

    assertEquals("nightly builds", renamed.name());
    assertEquals(renamed, f.manage.show(f.tenantA, key.id()));
    assertEquals(key.scopes(), renamed.scopes());
    assertEquals(key.limits(), renamed.limits());
    assertEquals(key.hash(), renamed.hash());
    assertEquals(key.createdAt(), renamed.createdAt());
  }

  @Test
  void update_changes_the_limits() {
    IssuedApiKey issued = f.issue(f.tenantA, "ci", ApiKeyScope.GATEWAY);
    ApiKeyLimits limits =
        new ApiKeyLimits(
            OptionalInt.of(30), Optional.of(MicroDollars.ofDollars(10)), Set.of("gpt-4o-mini"));

    f.manage.update(
        new UpdateApiKeyCommand(
            f.tenantA, issued.key().id(), Optional.empty(), Optional.empty(), Optional.of(limits)));

    ApiKey stored = f.manage.show(f.tenantA, issued.key().id());
    assertEquals(limits, stored.limits());
    assertEquals("ci", stored.name());
    assertEquals(
        limits,
        f.authenticate.authenticate(issued.plain().value(), ApiKeyScope.GATEWAY).limits(),
        "the gateway sees the new limits on the next request");
  }

  @Test
  void update_changes_the_scopes_and_the_key_is_checked_against_the_new_ones() {
    IssuedApiKey issued = f.issue(f.tenantA, "ci", ApiKeyScope.GATEWAY);

    f.manage.update(
        new UpdateApiKeyCommand(
            f.tenantA,
            issued.key().id(),
            Optional.empty(),
            Optional.of(Set.of(ApiKeyScope.ADMIN)),
            Optional.empty()));

    assertEquals(
        issued.key().id(),
        f.authenticate.authenticate(issued.plain().value(), ApiKeyScope.ADMIN).id());
    assertThrows(
        PermissionDenied.class,
        () -> f.authenticate.authenticate(issued.plain().value(), ApiKeyScope.GATEWAY));
  }

  @Test
  void update_refuses_empty_scopes_and_keeps_the_key_as_it_was() {
    ApiKey key = f.issue(f.tenantA, "ci", ApiKeyScope.GATEWAY).key();

    InvalidRequest refused =
        assertThrows(
            InvalidRequest.class,
            () ->
                f.manage.update(
                    new UpdateApiKeyCommand(
                        f.tenantA,
                        key.id(),
                        Optional.of("renamed"),
                        Optional.of(Set.of()),
                        Optional.empty())));

    assertTrue(refused.getMessage().contains("'scopes'"), refused.getMessage());
    assertEquals(key, f.manage.show(f.tenantA, key.id()));
  }

  @Test
  void update_refuses_a_blank_name() {
    ApiKey key = f.issue(f.tenantA, "ci", ApiKeyScope.GATEWAY).key();

    assertThrows(
        InvalidRequest.class,
        () ->
            f.manage.update(
                new UpdateApiKeyCommand(
                    f.tenantA, key.id(), Optional.of("  "), Optional.empty(), Optional.empty())));

    assertEquals(key, f.manage.show(f.tenantA, key.id()));
  }

  @Test
  void update_with_no_fields_changes_nothing() {
    ApiKey key = f.issue(f.tenantA, "ci", ApiKeyScope.GATEWAY).key();

    assertEquals(key, f.manage.update(nothing(key)));
    assertEquals(key, f.manage.show(f.tenantA, key.id()));
  }

  @Test
  void revoke_removes_the_key_and_a_second_revoke_is_not_found() {
    ApiKey key = f.issue(f.tenantA, "ci", ApiKeyScope.GATEWAY).key();

    f.manage.revoke(f.tenantA, key.id());

    assertThrows(NotFound.class, () -> f.manage.show(f.tenantA, key.id()));
    assertThrows(NotFound.class, () -> f.manage.revoke(f.tenantA, key.id()));
    assertThrows(NotFound.class, () -> f.manage.update(nothing(key)));
  }

  @Test
  void another_tenants_key_answers_exactly_like_a_key_that_does_not_exist() {
    IssuedApiKey ofA = f.issue(f.tenantA, "ci", ApiKeyScope.GATEWAY, ApiKeyScope.ADMIN);
    ApiKeyId aKey = ofA.key().id();
    ApiKeyId random = ApiKeyId.random();

    assertSameNotFound(
        () -> f.manage.show(f.tenantB, aKey), () -> f.manage.show(f.tenantB, random));
    assertSameNotFound(
        () -> f.manage.update(renameTo(f.tenantB, aKey)),
        () -> f.manage.update(renameTo(f.tenantB, random)));
    assertSameNotFound(
        () -> f.manage.update(dropAdmin(f.tenantB, aKey)),
        () -> f.manage.update(dropAdmin(f.tenantB, random)));
    assertSameNotFound(
        () -> f.manage.revoke(f.tenantB, aKey), () -> f.manage.revoke(f.tenantB, random));

    assertEquals(ofA.key(), f.manage.show(f.tenantA, aKey), "A's key is untouched");
    assertEquals(aKey, f.authenticate.authenticate(ofA.plain().value(), ApiKeyScope.ADMIN).id());
  }

  @Test
  void list_pages_through_the_tenants_keys_only() {
    Set<ApiKeyId> ofA = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      ofA.add(f.issue(f.tenantA, "a" + i, ApiKeyScope.GATEWAY).key().id());
      f.issue(f.tenantB, "b" + i, ApiKeyScope.GATEWAY);
    }

    List<ApiKey> seen = new ArrayList<>();
    Optional<String> after = Optional.empty();
    int pages = 0;
    do {
      Page<ApiKey> page = f.manage.list(f.tenantA, new PageRequest(2, after));
      assertTrue(page.items().size() <= 2);
      seen.addAll(page.items());
      after = page.nextCursor();
      pages++;
    } while (after.isPresent() && pages < 10);

    assertEquals(3, pages);
    assertEquals(ofA, new HashSet<>(seen.stream().map(ApiKey::id).toList()));
    assertEquals(5, seen.size(), "no key appears twice");
    assertTrue(seen.stream().allMatch(k -> k.tenantId().equals(f.tenantA)));
  }

  @Test
  void a_tenant_without_keys_lists_nothing_even_when_others_have_keys() {
    f.issue(f.tenantA, "ci", ApiKeyScope.GATEWAY);

    Page<ApiKey> page = f.manage.list(f.tenantB, PageRequest.first());

    assertEquals(List.of(), page.items());
    assertEquals(Optional.empty(), page.nextCursor());
  }

  private static UpdateApiKeyCommand renameTo(TenantId tenant, ApiKeyId id) {
    return new UpdateApiKeyCommand(
        tenant, id, Optional.of("hijacked"), Optional.empty(), Optional.empty());
  }

  private static UpdateApiKeyCommand dropAdmin(TenantId tenant, ApiKeyId id) {
    return new UpdateApiKeyCommand(
        tenant, id, Optional.empty(), Optional.of(Set.of(ApiKeyScope.GATEWAY)), Optional.empty());
  }

  private static void assertSameNotFound(Executable other, Executable missing) {
    NotFound forOther = assertThrows(NotFound.class, other);
    NotFound forMissing = assertThrows(NotFound.class, missing);
    assertEquals(forMissing.getMessage(), forOther.getMessage());
  }
}
