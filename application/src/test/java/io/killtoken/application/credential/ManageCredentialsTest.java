package io.killtoken.application.credential;

import static io.killtoken.application.credential.StoreCredentialTest.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.application.testing.TestClock;
import io.killtoken.domain.credential.Credential;
import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.credential.InMemoryCredentialRepository;
import io.killtoken.domain.error.NotFound;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ManageCredentialsTest {

  private final TenantId tenantA = TenantId.random();
  private final TenantId tenantB = TenantId.random();
  private final InMemoryCredentialRepository credentials = new InMemoryCredentialRepository();
  private final StoreCredential store =
      new StoreCredential(
          credentials,
          new VersionedCipher(1),
          Set.of(new ProviderId("openai"), new ProviderId("anthropic")),
          new TestClock());
  private final ManageCredentials manage = new ManageCredentials(credentials);

  private Credential storeFor(TenantId tenant, String provider, String secret) {
    return store.store(new StoreCredentialCommand(tenant, provider, secret, null)).credential();
  }

  @Test
  void show_returns_the_tenants_credential_with_only_a_preview_of_the_secret() {
    Credential stored = storeFor(tenantA, "openai", SECRET);

    Credential shown = manage.show(tenantA, stored.id());

    assertEquals(stored, shown);
    assertEquals("sk-…a1b2", shown.preview());
    assertFalse(shown.toString().contains(SECRET));
  }

  @Test
  void delete_removes_the_credential_and_a_second_delete_is_not_found() {
    Credential stored = storeFor(tenantA, "openai", SECRET);

    manage.delete(tenantA, stored.id());

    assertThrows(NotFound.class, () -> manage.show(tenantA, stored.id()));
    assertThrows(NotFound.class, () -> manage.delete(tenantA, stored.id()));
    assertEquals(Optional.empty(), credentials.findForProvider(tenantA, new ProviderId("openai")));
  }

  @Test
  void another_tenants_credential_answers_exactly_like_one_that_does_not_exist() {
    Credential ofA = storeFor(tenantA, "openai", SECRET);
    CredentialId random = CredentialId.random();

    assertSameNotFound(() -> manage.show(tenantB, ofA.id()), () -> manage.show(tenantB, random));
    assertSameNotFound(
        () -> manage.delete(tenantB, ofA.id()), () -> manage.delete(tenantB, random));
    assertSameNotFound(
        () -> manage.show(tenantB, ofA.id()),
        () -> store.rotate(tenantB, ofA.id(), "sk-proj-anything-12345"));

    assertEquals(ofA, manage.show(tenantA, ofA.id()), "A's credential is still there");
  }

  @Test
  void list_pages_through_the_tenants_credentials_only() {
    Set<CredentialId> ofA = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      ofA.add(storeFor(tenantA, i % 2 == 0 ? "openai" : "anthropic", SECRET + i).id());
      storeFor(tenantB, "openai", SECRET + i);
    }

    List<Credential> seen = new ArrayList<>();
    Optional<String> after = Optional.empty();
    int pages = 0;
    do {
      Page<Credential> page = manage.list(tenantA, new PageRequest(2, after));
      assertTrue(page.items().size() <= 2);
      seen.addAll(page.items());
      after = page.nextCursor();
      pages++;
    } while (after.isPresent() && pages < 10);

    assertEquals(3, pages);
    assertEquals(5, seen.size());
    assertEquals(ofA, new HashSet<>(seen.stream().map(Credential::id).toList()));
    assertTrue(seen.stream().allMatch(c -> c.tenantId().equals(tenantA)));
    assertTrue(seen.stream().noneMatch(c -> c.toString().contains(SECRET)));
  }

  @Test
  void a_tenant_without_credentials_lists_nothing() {
    storeFor(tenantA, "openai", SECRET);

    assertEquals(List.of(), manage.list(tenantB, PageRequest.first()).items());
  }

  private static void assertSameNotFound(Executable other, Executable missing) {
    NotFound forOther = assertThrows(NotFound.class, other);
    NotFound forMissing = assertThrows(NotFound.class, missing);
    assertEquals(forMissing.getMessage(), forOther.getMessage());
  }
}
