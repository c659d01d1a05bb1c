package io.killtoken.application.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.application.testing.TestClock;
import io.killtoken.domain.credential.Credential;
import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.credential.InMemoryCredentialRepository;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.NotFound;
import io.killtoken.domain.error.SecretUnavailable;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.SecretBinding;
import io.killtoken.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EmptySource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StoreCredentialTest {

  static final String SECRET = "sk-proj-Zx81Qm0Lr7Tt3Yp9a1b2";
  static final String NEW_SECRET = "sk-proj-Nn42Kd7Wq0Ee5Rr1c3d4";

  private final TenantId tenantA = TenantId.random();
  private final TenantId tenantB = TenantId.random();
  private final TestClock clock = new TestClock();
  private final InMemoryCredentialRepository credentials = new InMemoryCredentialRepository();
  private final VersionedCipher cipher = new VersionedCipher(1);
  private final StoreCredential store =
      new StoreCredential(
          credentials,
          cipher,
          Set.of(new ProviderId("openai"), new ProviderId("anthropic")),
          clock);

  private StoredCredential storeFor(TenantId tenant, String secret) {
    return store.store(new StoreCredentialCommand(tenant, "openai", secret, null));
  }

  @Test
  void store_returns_the_plaintext_once_and_a_preview() {
    StoredCredential stored =
        store.store(new StoreCredentialCommand(tenantA, "openai", SECRET, " Production "));

    assertEquals(SECRET, stored.plaintext().value());
    assertEquals("sk-…a1b2", stored.credential().preview());
    assertEquals("Production", stored.credential().label());
    assertEquals(new ProviderId("openai"), stored.credential().provider());
    assertEquals(tenantA, stored.credential().tenantId());
    assertEquals(clock.instant(), stored.credential().createdAt());
    assertEquals(clock.instant(), stored.credential().rotatedAt());
    assertEquals(
        Optional.of(stored.credential()), credentials.find(tenantA, stored.credential().id()));
  }

  @Test
  void without_a_label_the_provider_name_is_the_label() {
    assertEquals("openai", storeFor(tenantA, SECRET).credential().label());
  }

  @Test
  void the_stored_record_holds_the_secret_sealed_to_its_owner_and_never_in_clear() {
    Credential stored = storeFor(tenantA, SECRET).credential();

    assertFalse(stored.secret().base64().contains(SECRET));
    assertFalse(stored.toString().contains(SECRET));
    assertEquals(
        SECRET,
        cipher.open(stored.secret(), new SecretBinding(tenantA, stored.id().value())).value());
    assertThrows(
        SecretUnavailable.class,
        () -> cipher.open(stored.secret(), new SecretBinding(tenantB, stored.id().value())));
  }

  @Test
  void neither_the_command_nor_the_result_prints_the_secret() {
    StoreCredentialCommand command = new StoreCredentialCommand(tenantA, "openai", SECRET, "prod");

    assertFalse(command.toString().contains(SECRET));
    assertFalse(store.store(command).toString().contains(SECRET));
  }

  static Stream<Arguments> invalid_credentials() {
    return Stream.of(
        Arguments.of("mistral", SECRET, "'provider'"),
        Arguments.of("OpenAI", SECRET, "'provider'"),
        Arguments.of("", SECRET, "'provider'"),
        Arguments.of(null, SECRET, "'provider'"),
        Arguments.of("openai", "sk-1234", "'secret'"),
        Arguments.of("openai", "s".repeat(4097), "'secret'"),
        Arguments.of("openai", "sk-proj abcdef123456", "'secret'"),
        Arguments.of("openai", "sk-proj-abcdef123456\n", "'secret'"),
        Arguments.of("openai", "sk-proj-abcdéf123456", "'secret'"),
        Arguments.of("openai", "", "'secret'"),
        Arguments.of("openai", null, "'secret'"));
  }

  @ParameterizedTest
  @MethodSource("invalid_credentials")
  void an_invalid_credential_is_refused_naming_the_field_and_nothing_is_stored(
      String provider, String secret, String field) {
    InvalidRequest refused =
        assertThrows(
            InvalidRequest.class,
            () -> store.store(new StoreCredentialCommand(tenantA, provider, secret, null)));

    assertTrue(refused.getMessage().contains(field), refused.getMessage());
    if (secret != null && !secret.isEmpty()) {
      assertFalse(refused.getMessage().contains(secret), "the message never repeats the secret");
    }
    assertEquals(List.of(), credentials.list(tenantA, PageRequest.first()).items());
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 4096})
  void secrets_at_the_length_bounds_are_accepted(int length) {
    String secret = "k".repeat(length);

    assertEquals(secret, storeFor(tenantA, secret).plaintext().value());
  }

  @ParameterizedTest
  @EmptySource
  @ValueSource(strings = {"   ", "line\nbreak"})
  void a_bad_label_is_refused_naming_label(String label) {
    InvalidRequest refused =
        assertThrows(
            InvalidRequest.class,
            () -> store.store(new StoreCredentialCommand(tenantA, "openai", SECRET, label)));

    assertTrue(refused.getMessage().contains("'label'"), refused.getMessage());
    assertEquals(List.of(), credentials.list(tenantA, PageRequest.first()).items());
  }

  @Test
  void rotate_changes_the_secret_and_rotated_at_and_keeps_created_at() {
    Credential original = storeFor(tenantA, SECRET).credential();
    clock.advance(Duration.ofDays(3));

    StoredCredential rotated = store.rotate(tenantA, original.id(), NEW_SECRET);

    Credential stored = credentials.find(tenantA, original.id()).orElseThrow();
    assertEquals(rotated.credential(), stored);
    assertEquals(NEW_SECRET, rotated.plaintext().value());
    assertEquals(NEW_SECRET, cipher.open(stored.secret(), stored.binding()).value());
    assertNotEquals(original.secret(), stored.secret());
    assertEquals("sk-…c3d4", stored.preview());
    assertEquals(original.createdAt(), stored.createdAt());
    assertEquals(clock.instant(), stored.rotatedAt());
    assertEquals(original.label(), stored.label());
    assertEquals(original.provider(), stored.provider());
  }

  @Test
  void the_gateway_uses_the_rotated_secret_afterwards() {
    Credential original = storeFor(tenantA, SECRET).credential();
    clock.advance(Duration.ofMinutes(1));

    store.rotate(tenantA, original.id(), NEW_SECRET);

    Credential used = credentials.findForProvider(tenantA, new ProviderId("openai")).orElseThrow();
    assertEquals(NEW_SECRET, cipher.open(used.secret(), used.binding()).value());
  }

  @Test
  void rotate_refuses_an_invalid_secret_and_keeps_the_old_one() {
    Credential original = storeFor(tenantA, SECRET).credential();

    InvalidRequest refused =
        assertThrows(InvalidRequest.class, () -> store.rotate(tenantA, original.id(), "short"));

    assertTrue(refused.getMessage().contains("'secret'"), refused.getMessage());
    assertEquals(Optional.of(original), credentials.find(tenantA, original.id()));
  }

  @Test
  void rotating_another_tenants_credential_answers_like_a_missing_one_and_changes_nothing() {
    Credential ofA = storeFor(tenantA, SECRET).credential();
    Instant before = ofA.rotatedAt();
    clock.advance(Duration.ofMinutes(1));

    NotFound forOther =
        assertThrows(NotFound.class, () -> store.rotate(tenantB, ofA.id(), NEW_SECRET));
    NotFound forMissing =
        assertThrows(
            NotFound.class, () -> store.rotate(tenantB, CredentialId.random(), NEW_SECRET));

    assertEquals(forMissing.getMessage(), forOther.getMessage());
    Credential stored = credentials.find(tenantA, ofA.id()).orElseThrow();
    assertEquals(ofA, stored);
    assertEquals(before, stored.rotatedAt());
    assertEquals(SECRET, cipher.open(stored.secret(), stored.binding()).value());
  }
}
