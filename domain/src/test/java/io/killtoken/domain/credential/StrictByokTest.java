package io.killtoken.domain.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.error.MissingProviderCredential;
import io.killtoken.domain.error.SecretUnavailable;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.BindingCheckingCipher;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.secret.SecretBinding;
import io.killtoken.domain.secret.SecretCipher;
import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StrictByokTest {

  private static final ProviderId OPENAI = new ProviderId("openai");
  private static final ProviderId ANTHROPIC = new ProviderId("anthropic");
  private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

  private final InMemoryCredentialRepository credentials = new InMemoryCredentialRepository();
  private final SecretCipher cipher = new BindingCheckingCipher();
  private final StrictByok byok = new StrictByok(credentials, cipher);
  private final TenantId alice = TenantId.random();
  private final TenantId bob = TenantId.random();

  private Credential store(TenantId tenant, ProviderId provider, String secret, Instant rotated) {
    CredentialId id = CredentialId.random();
    PlainSecret plain = new PlainSecret(secret);
    Credential credential =
        new Credential(
            id,
            tenant,
            provider,
            "main",
            cipher.seal(plain, new SecretBinding(tenant, id.value())),
            plain.preview(),
            NOW,
            rotated);
    credentials.save(credential);
    return credential;
  }

  @Test
  void a_tenant_calls_with_its_own_key() {
    store(alice, OPENAI, "sk-alice-000000000000", NOW);
    store(bob, OPENAI, "sk-bob-1111111111111", NOW);

    assertEquals("sk-alice-000000000000", byok.keyFor(alice, OPENAI).value());
    assertEquals("sk-bob-1111111111111", byok.keyFor(bob, OPENAI).value());
  }

  @Test
  void a_tenant_without_a_credential_is_refused_even_when_another_tenant_has_one() {
    store(alice, OPENAI, "sk-alice-000000000000", NOW);

    MissingProviderCredential error =
        assertThrows(MissingProviderCredential.class, () -> byok.keyFor(bob, OPENAI));

    assertEquals(OPENAI, error.provider());
    assertTrue(error.getMessage().contains("openai"));
  }

  @Test
  void a_credential_for_another_provider_is_never_used() {
    store(alice, ANTHROPIC, "sk-ant-alice-00000000", NOW);

    assertThrows(MissingProviderCredential.class, () -> byok.keyFor(alice, OPENAI));
  }

  @Test
  void the_most_recently_rotated_credential_wins() {
    store(alice, OPENAI, "sk-old-0000000000000", NOW);
    store(alice, OPENAI, "sk-new-0000000000000", NOW.plusSeconds(60));

    assertEquals("sk-new-0000000000000", byok.keyFor(alice, OPENAI).value());
  }

  @Test
  void a_ciphertext_copied_onto_another_tenants_record_does_not_open() {
    Credential alices = store(alice, OPENAI, "sk-alice-000000000000", NOW);
    CredentialId bobsId = CredentialId.random();
    credentials.save(
        new Credential(bobsId, bob, OPENAI, "stolen", alices.secret(), alices.preview(), NOW, NOW));

    SecretUnavailable error = assertThrows(SecretUnavailable.class, () -> byok.keyFor(bob, OPENAI));
    assertTrue(!error.getMessage().contains("alice"));
  }
}
