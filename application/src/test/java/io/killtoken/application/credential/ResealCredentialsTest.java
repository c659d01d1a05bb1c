package io.killtoken.application.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.killtoken.application.testing.TestClock;
import io.killtoken.domain.credential.Credential;
import io.killtoken.domain.credential.InMemoryCredentialRepository;
import io.killtoken.domain.error.SecretUnavailable;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.secret.SealedSecret;
import io.killtoken.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResealCredentialsTest {

  private final TestClock clock = new TestClock();
  private final InMemoryCredentialRepository credentials = new InMemoryCredentialRepository();
  private final VersionedCipher oldKey = new VersionedCipher(1);
  private final VersionedCipher rotatedKeyset = new VersionedCipher(2);
  private final StoreCredential storeUnderOldKey =
      new StoreCredential(credentials, oldKey, Set.of(new ProviderId("openai")), clock);
  private final ResealCredentials reseal = new ResealCredentials(credentials, rotatedKeyset);

  /** Stores credentials for several tenants; answers each one's plaintext by id. */
  private Map<String, String> storeMany(int count) {
    List<TenantId> tenants = List.of(TenantId.random(), TenantId.random(), TenantId.random());
    Map<String, String> plaintexts = new HashMap<>();
    for (int i = 0; i < count; i++) {
      String secret = "sk-proj-secret-number-" + i;
      Credential c =
          storeUnderOldKey
              .store(new StoreCredentialCommand(tenants.get(i % 3), "openai", secret, null))
              .credential();
      plaintexts.put(c.id().value(), secret);
    }
    return plaintexts;
  }

  private List<Credential> everything() {
    List<Credential> all = new ArrayList<>();
    Optional<String> after = Optional.empty();
    do {
      Page<Credential> page = credentials.listAll(new PageRequest(PageRequest.MAX_LIMIT, after));
      all.addAll(page.items());
      after = page.nextCursor();
    } while (after.isPresent());
    return all;
  }

  @Test
  void every_credential_of_every_tenant_is_sealed_again_under_the_new_primary_key() {
    Map<String, String> plaintexts = storeMany(2 * PageRequest.MAX_LIMIT + 5);
    Map<String, Credential> before = new HashMap<>();
    everything().forEach(c -> before.put(c.id().value(), c));

    ResealCredentials.Outcome outcome = reseal.resealAll();

    assertEquals(new ResealCredentials.Outcome(plaintexts.size(), 0), outcome);
    List<Credential> after = everything();
    assertEquals(plaintexts.size(), after.size());
    for (Credential c : after) {
      assertEquals(2, VersionedCipher.versionOf(c.secret()), "sealed under the new key");
      assertEquals(
          plaintexts.get(c.id().value()), rotatedKeyset.open(c.secret(), c.binding()).value());
      Credential old = before.get(c.id().value());
      assertEquals(old.preview(), c.preview());
      assertEquals(old.createdAt(), c.createdAt());
      assertEquals(old.rotatedAt(), c.rotatedAt(), "resealing is not a rotation");
      assertEquals(old.label(), c.label());
    }
  }

  @Test
  void after_resealing_the_old_key_can_be_retired() {
    Map<String, String> plaintexts = storeMany(3);

    reseal.resealAll();

    VersionedCipher onlyTheNewKey = new VersionedCipher(2);
    for (Credential c : everything()) {
      assertEquals(
          plaintexts.get(c.id().value()), onlyTheNewKey.open(c.secret(), c.binding()).value());
      // what the old key alone can no longer read proves the ciphertext really changed
      assertThrows(SecretUnavailable.class, () -> oldKey.open(c.secret(), c.binding()));
    }
  }

  @Test
  void unreadable_credentials_are_counted_and_left_alone_while_the_rest_are_resealed() {
    Map<String, String> plaintexts = storeMany(6);
    List<Credential> stored = everything();
    Credential copiedCiphertext =
        stored.get(0).withSecret(stored.get(1).secret(), "sk-…copy", stored.get(0).rotatedAt());
    Credential fromTheFuture =
        stored
            .get(2)
            .withSecret(
                new VersionedCipher(3)
                    .seal(new PlainSecret("sk-proj-future-key"), stored.get(2).binding()),
                "sk-…ture",
                stored.get(2).rotatedAt());
    Credential garbled =
        stored
            .get(3)
            .withSecret(
                new SealedSecret("v1:not base64 at all"), "sk-…bled", stored.get(3).rotatedAt());
    credentials.save(copiedCiphertext);
    credentials.save(fromTheFuture);
    credentials.save(garbled);

    ResealCredentials.Outcome outcome = reseal.resealAll();

    assertEquals(new ResealCredentials.Outcome(3, 3), outcome);
    Map<String, Credential> after = new HashMap<>();
    everything().forEach(c -> after.put(c.id().value(), c));
    assertEquals(copiedCiphertext, after.get(copiedCiphertext.id().value()));
    assertEquals(fromTheFuture, after.get(fromTheFuture.id().value()));
    assertEquals(garbled, after.get(garbled.id().value()));
    for (Credential c : stored.subList(4, 6)) {
      Credential resealed = after.get(c.id().value());
      assertEquals(2, VersionedCipher.versionOf(resealed.secret()));
      assertEquals(
          plaintexts.get(c.id().value()),
          rotatedKeyset.open(resealed.secret(), resealed.binding()).value());
    }
  }

  @Test
  void resealing_twice_keeps_every_secret_readable() {
    Map<String, String> plaintexts = storeMany(4);

    reseal.resealAll();
    ResealCredentials.Outcome second = reseal.resealAll();

    assertEquals(new ResealCredentials.Outcome(4, 0), second);
    for (Credential c : everything()) {
      assertEquals(
          plaintexts.get(c.id().value()), rotatedKeyset.open(c.secret(), c.binding()).value());
    }
  }

  @Test
  void an_empty_store_reseals_nothing() {
    assertEquals(new ResealCredentials.Outcome(0, 0), reseal.resealAll());
  }
}
