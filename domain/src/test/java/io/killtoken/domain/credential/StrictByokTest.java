package io.killtoken.domain.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.error.CredentialUnreadable;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.MissingProviderCredential;
import io.killtoken.domain.error.PermissionDenied;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.BindingCheckingCipher;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.secret.SecretBinding;
import io.killtoken.domain.secret.SecretCipher;
import io.killtoken.domain.tenant.TenantId;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
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
    return store(tenant, provider, secret, rotated, Optional.empty());
  }

  private Credential store(
      TenantId tenant, ProviderId provider, String secret, Instant rotated, Optional<URI> baseUrl) {
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
            rotated,
            baseUrl);
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

    CredentialUnreadable error =
        assertThrows(CredentialUnreadable.class, () -> byok.keyFor(bob, OPENAI));
    assertTrue(!error.getMessage().contains("alice"));
    assertEquals(bobsId, error.credential());
    assertTrue(error.getMessage().contains(bobsId.value()), error.getMessage());
    assertTrue(error.getMessage().contains("'openai'"), error.getMessage());
    assertTrue(error.getMessage().contains("Rotate it"), error.getMessage());
    assertFalse(error.getMessage().contains("decrypt"), error.getMessage());
  }

  @Test
  void a_credential_without_a_base_url_calls_the_providers_own_endpoint() {
    store(alice, OPENAI, "sk-alice-000000000000", NOW);

    UpstreamAccess access = byok.accessFor(alice, OPENAI);

    assertEquals("sk-alice-000000000000", access.key().value());
    assertEquals(Optional.empty(), access.baseUrl());
  }

  @Test
  void a_credentials_own_base_url_comes_with_its_key_after_a_fresh_check() {
    ScriptedHostResolver dns = new ScriptedHostResolver().answer("llm.example.com", "1.1.1.1");
    StrictByok checked =
        new StrictByok(credentials, cipher, new CustomBaseUrls(BaseUrlMode.PUBLIC, dns));
    URI url = URI.create("https://llm.example.com/v1");
    store(alice, OPENAI, "sk-alice-000000000000", NOW, Optional.of(url));

    UpstreamAccess access = checked.accessFor(alice, OPENAI);

    assertEquals(Optional.of(url), access.baseUrl());
    assertEquals("sk-alice-000000000000", access.key().value());
    assertEquals(1, dns.lookups());
    assertFalse(access.toString().contains("sk-alice"), "the key never prints beside the URL");
  }

  @Test
  void a_base_url_whose_host_now_resolves_to_loopback_is_refused_before_the_call() {
    ScriptedHostResolver dns = new ScriptedHostResolver().answer("llm.example.com", "1.1.1.1");
    StrictByok checked =
        new StrictByok(credentials, cipher, new CustomBaseUrls(BaseUrlMode.PUBLIC, dns));
    store(
        alice,
        OPENAI,
        "sk-alice-000000000000",
        NOW,
        Optional.of(URI.create("https://llm.example.com/v1")));
    dns.answer("llm.example.com", "127.0.0.1");

    PermissionDenied refused =
        assertThrows(PermissionDenied.class, () -> checked.accessFor(alice, OPENAI));

    assertFalse(refused.getMessage().contains("127.0.0.1"));
    assertFalse(refused.getMessage().contains("sk-alice"));
  }

  @Test
  void with_base_urls_off_a_stored_base_url_is_refused_never_replaced_by_the_providers() {
    store(
        alice,
        OPENAI,
        "sk-alice-000000000000",
        NOW,
        Optional.of(URI.create("https://llm.example.com/v1")));

    assertThrows(PermissionDenied.class, () -> byok.accessFor(alice, OPENAI));
  }

  @Test
  void a_caller_that_can_only_call_the_provider_gets_no_key_meant_for_another_host() {
    store(
        alice,
        OPENAI,
        "sk-alice-000000000000",
        NOW,
        Optional.of(URI.create("https://llm.example.com/v1")));

    InvalidRequest refused = assertThrows(InvalidRequest.class, () -> byok.keyFor(alice, OPENAI));

    assertTrue(refused.getMessage().contains("openai"));
  }
}
