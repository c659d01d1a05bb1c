package io.killtoken.adapters.crypto.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.error.SecretUnavailable;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.secret.SealedSecret;
import io.killtoken.domain.secret.SecretBinding;
import io.killtoken.domain.secret.SecretCipher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TinkSecretCipherTest extends SecretCipherContract {

  private final MasterKeyset keyset = MasterKeyset.generate();
  private final TinkSecretCipher cipher = new TinkSecretCipher(keyset);

  @Override
  protected SecretCipher cipher() {
    return cipher;
  }

  @Test
  void the_ciphertext_holds_no_plaintext_and_differs_on_every_seal() {
    SecretBinding owner = someBinding();
    PlainSecret secret = new PlainSecret(CANARY);

    SealedSecret first = cipher.seal(secret, owner);
    SealedSecret second = cipher.seal(secret, owner);

    assertNotEquals(first.base64(), second.base64(), "a fresh random nonce per seal");
    for (SealedSecret sealed : new SealedSecret[] {first, second}) {
      assertFalse(sealed.base64().contains("CANARY"));
      String raw = new String(decode(sealed), StandardCharsets.ISO_8859_1);
      assertFalse(raw.contains("CANARY"), "no plaintext bytes in the ciphertext");
      assertFalse(sealed.toString().contains(sealed.base64()));
    }
  }

  @Test
  void a_ciphertext_names_the_primary_key_that_sealed_it() {
    SealedSecret sealed = cipher.seal(new PlainSecret(CANARY), someBinding());

    assertEquals(keyset.primaryKeyId(), sealingKeyId(sealed));
  }

  @Test
  void flipping_any_single_bit_of_the_ciphertext_makes_it_unopenable() {
    SecretBinding owner = someBinding();
    SealedSecret sealed = cipher.seal(new PlainSecret(CANARY), owner);
    byte[] bytes = decode(sealed);

    for (int i = 0; i < bytes.length; i++) {
      byte[] tampered = bytes.clone();
      tampered[i] ^= 0x01;
      SealedSecret forged = new SealedSecret(Base64.getEncoder().encodeToString(tampered));

      SecretUnavailable refused =
          assertThrows(SecretUnavailable.class, () -> cipher.open(forged, owner), "byte " + i);
      assertSaysNothingOf(refused, sealed);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not base64 at all!", "QUJD", "%%%CANARY%%%", "AQIDBA=="})
  void text_that_is_not_a_ciphertext_is_unavailable_and_not_echoed(String junk) {
    SecretUnavailable refused =
        assertThrows(
            SecretUnavailable.class, () -> cipher.open(new SealedSecret(junk), someBinding()));

    assertFalse(refused.getMessage().contains("CANARY"));
    assertEquals(null, refused.getCause());
  }

  @Test
  void a_ciphertext_sealed_under_a_key_this_keyset_does_not_hold_is_unavailable() {
    SecretBinding owner = someBinding();
    SealedSecret foreign =
        new TinkSecretCipher(MasterKeyset.generate()).seal(new PlainSecret(CANARY), owner);

    SecretUnavailable refused =
        assertThrows(SecretUnavailable.class, () -> cipher.open(foreign, owner));

    assertSaysNothingOf(refused, foreign);
  }

  @Test
  void a_cipher_built_from_the_json_of_a_keyset_opens_what_the_original_sealed() {
    SecretBinding owner = someBinding();
    SealedSecret sealed = cipher.seal(new PlainSecret(CANARY), owner);

    TinkSecretCipher reloaded = new TinkSecretCipher(MasterKeyset.fromJson(keyset.toJson()));

    assertEquals(CANARY, reloaded.open(sealed, owner).value());
  }

  @Test
  void secrets_sealed_before_a_rotation_still_open_after_it() {
    SecretBinding owner = someBinding();
    SealedSecret beforeRotation = cipher.seal(new PlainSecret(CANARY), owner);

    TinkSecretCipher rotated = new TinkSecretCipher(keyset.rotate());

    assertEquals(CANARY, rotated.open(beforeRotation, owner).value());
  }

  @Test
  void after_a_rotation_new_seals_use_the_new_key_which_the_old_keyset_lacks() {
    MasterKeyset rotatedKeyset = keyset.rotate();
    SecretBinding owner = someBinding();

    SealedSecret afterRotation =
        new TinkSecretCipher(rotatedKeyset).seal(new PlainSecret(CANARY), owner);

    assertEquals(rotatedKeyset.primaryKeyId(), sealingKeyId(afterRotation));
    assertNotEquals(keyset.primaryKeyId(), sealingKeyId(afterRotation));
    assertThrows(SecretUnavailable.class, () -> cipher.open(afterRotation, owner));
  }

  @Test
  void reseal_moves_a_secret_to_the_new_primary_and_keeps_its_binding() {
    SecretBinding owner = someBinding();
    SealedSecret old = cipher.seal(new PlainSecret(CANARY), owner);
    MasterKeyset rotatedKeyset = keyset.rotate();
    TinkSecretCipher rotated = new TinkSecretCipher(rotatedKeyset);

    SealedSecret resealed = rotated.reseal(old, owner);

    assertEquals(rotatedKeyset.primaryKeyId(), sealingKeyId(resealed));
    assertEquals(CANARY, rotated.open(resealed, owner).value());
    assertThrows(SecretUnavailable.class, () -> cipher.open(resealed, owner));
    assertThrows(
        SecretUnavailable.class,
        () -> rotated.open(resealed, binding(owner.tenant(), owner.recordId() + "x")));
  }

  @Test
  void reseal_refuses_a_ciphertext_of_another_binding() {
    SealedSecret sealed = cipher.seal(new PlainSecret(CANARY), someBinding());

    assertThrows(SecretUnavailable.class, () -> cipher.reseal(sealed, someBinding()));
  }

  @Test
  void a_staged_key_lets_nodes_open_what_the_promoted_keyset_seals() {
    MasterKeyset staged = keyset.stageNewKey();
    int newKeyId =
        staged.keyIds().stream()
            .filter(id -> id != keyset.primaryKeyId())
            .findFirst()
            .orElseThrow();
    MasterKeyset promoted = staged.promote(newKeyId);
    SecretBinding owner = someBinding();

    SealedSecret fromStagedNode = new TinkSecretCipher(staged).seal(new PlainSecret("a"), owner);
    SealedSecret fromPromotedNode =
        new TinkSecretCipher(promoted).seal(new PlainSecret(CANARY), owner);

    assertEquals(keyset.primaryKeyId(), sealingKeyId(fromStagedNode));
    assertEquals(newKeyId, sealingKeyId(fromPromotedNode));
    assertEquals(CANARY, new TinkSecretCipher(staged).open(fromPromotedNode, owner).value());
    assertEquals("a", new TinkSecretCipher(promoted).open(fromStagedNode, owner).value());
  }

  @Test
  void the_cipher_prints_no_key_material() {
    String text = cipher.toString();

    assertTrue(text.startsWith("TinkSecretCipher["), text);
    assertFalse(text.contains(MasterKeysetTest.keyValueOf(keyset.toJson())), text);
  }

  @Test
  void an_unchanged_plaintext_comes_back_byte_for_byte() {
    String text = "😀 \u0000 nul and ünïcödé";
    SecretBinding owner = someBinding();

    PlainSecret opened = cipher.open(cipher.seal(new PlainSecret(text), owner), owner);

    assertArrayEquals(
        text.getBytes(StandardCharsets.UTF_8), opened.value().getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] decode(SealedSecret sealed) {
    return Base64.getDecoder().decode(sealed.base64());
  }

  /** Tink's ciphertext prefix: version byte 1, then the sealing key's id, big-endian. */
  private static int sealingKeyId(SealedSecret sealed) {
    byte[] bytes = decode(sealed);
    assertEquals(1, bytes[0], "Tink output prefix");
    return ByteBuffer.wrap(bytes, 1, 4).getInt();
  }
}
