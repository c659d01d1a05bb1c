package io.killtoken.adapters.crypto.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.killtoken.domain.error.SecretUnavailable;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.secret.SealedSecret;
import io.killtoken.domain.secret.SecretBinding;
import io.killtoken.domain.secret.SecretCipher;
import io.killtoken.domain.tenant.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link SecretCipher} must have, fakes included: secrets round-trip and a
 * ciphertext opens only under the binding it was sealed with. Written to move into the domain
 * test-jar beside the other port contracts.
 */
public abstract class SecretCipherContract {

  protected static final String CANARY = "sk-proj-CANARYcanary1234567890";

  protected abstract SecretCipher cipher();

  protected static SecretBinding binding(TenantId tenant, String recordId) {
    return new SecretBinding(tenant, recordId);
  }

  protected static SecretBinding someBinding() {
    return binding(TenantId.random(), "cred-" + java.util.UUID.randomUUID());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        CANARY,
        "sk-ant-api03-ÄÖÜ-ß-привет-密钥-🔑🗝️",
        "a",
        "",
        "  spaces and\nnewlines\tkept  "
      })
  void a_sealed_secret_opens_to_the_same_text(String text) {
    SecretBinding owner = someBinding();

    SealedSecret sealed = cipher().seal(new PlainSecret(text), owner);

    assertEquals(text, cipher().open(sealed, owner).value());
  }

  @Test
  void a_ciphertext_copied_to_another_tenant_does_not_open() {
    SecretBinding owner = someBinding();
    SealedSecret sealed = cipher().seal(new PlainSecret(CANARY), owner);
    SecretBinding thief = binding(TenantId.random(), owner.recordId());

    SecretUnavailable refused =
        assertThrows(SecretUnavailable.class, () -> cipher().open(sealed, thief));

    assertSaysNothingOf(refused, sealed);
  }

  @Test
  void a_ciphertext_copied_to_another_record_of_the_same_tenant_does_not_open() {
    SecretBinding owner = someBinding();
    SealedSecret sealed = cipher().seal(new PlainSecret(CANARY), owner);
    SecretBinding otherRecord = binding(owner.tenant(), owner.recordId() + "-2");

    SecretUnavailable refused =
        assertThrows(SecretUnavailable.class, () -> cipher().open(sealed, otherRecord));

    assertSaysNothingOf(refused, sealed);
  }

  protected static void assertSaysNothingOf(SecretUnavailable refused, SealedSecret sealed) {
    String message = String.valueOf(refused.getMessage());
    assertFalse(message.contains("CANARY"), message);
    assertFalse(message.contains(CANARY.substring(CANARY.length() - 6)), message);
    assertFalse(message.contains(sealed.base64().substring(0, 12)), message);
    assertEquals(null, refused.getCause());
  }
}
