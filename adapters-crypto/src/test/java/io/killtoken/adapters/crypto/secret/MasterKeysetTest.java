package io.killtoken.adapters.crypto.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.mac.MacConfig2026;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MasterKeysetTest {

  private static final Pattern KEY_VALUE = Pattern.compile("\"value\"\\s*:\\s*\"([^\"]+)\"");

  /** The base64 key material of the first key in a Tink JSON keyset. */
  static String keyValueOf(String json) {
    Matcher m = KEY_VALUE.matcher(json);
    assertTrue(m.find(), "test keyset has key material");
    return m.group(1);
  }

  @Test
  void a_generated_keyset_is_one_aes256_gcm_key_that_survives_its_json() {
    MasterKeyset generated = MasterKeyset.generate();

    String json = generated.toJson();
    MasterKeyset reloaded = MasterKeyset.fromJson(json);

    assertTrue(json.contains("type.googleapis.com/google.crypto.tink.AesGcmKey"), json);
    assertEquals(List.of(generated.primaryKeyId()), generated.keyIds());
    assertEquals(generated.primaryKeyId(), reloaded.primaryKeyId());
    assertEquals(json, reloaded.toJson());
  }

  @Test
  void surrounding_whitespace_from_an_env_var_or_file_is_tolerated() {
    MasterKeyset generated = MasterKeyset.generate();

    MasterKeyset reloaded = MasterKeyset.fromJson("\n  " + generated.toJson() + "\n");

    assertEquals(generated.primaryKeyId(), reloaded.primaryKeyId());
  }

  static Stream<Arguments> keysets_without_an_aes256_gcm_primary() {
    Configuration aead = AeadConfig2026.get();
    return Stream.of(
        Arguments.of(PredefinedAeadParameters.AES128_GCM, aead, "16-byte AES-GCM key"),
        Arguments.of(PredefinedAeadParameters.CHACHA20_POLY1305, aead, "ChaCha20Poly1305"),
        Arguments.of(PredefinedAeadParameters.AES256_EAX, aead, "AesEax"),
        Arguments.of(PredefinedAeadParameters.AES256_CTR_HMAC_SHA256, aead, "AesCtrHmac"),
        Arguments.of(
            PredefinedMacParameters.HMAC_SHA256_256BITTAG, MacConfig2026.get(), "AEAD keys"));
  }

  @ParameterizedTest
  @MethodSource("keysets_without_an_aes256_gcm_primary")
  void a_keyset_whose_primary_is_not_aes256_gcm_is_refused_without_echoing_it(
      Parameters parameters, Configuration configuration, String expectedHint) throws Exception {
    String json =
        TinkJsonProtoKeysetFormat.serializeKeyset(
            KeysetHandle.generateNew(parameters, configuration),
            configuration,
            InsecureSecretKeyAccess.get());

    InvalidMasterKeyset refused =
        assertThrows(InvalidMasterKeyset.class, () -> MasterKeyset.fromJson(json));

    assertTrue(refused.getMessage().contains(expectedHint), refused.getMessage());
    assertSaysNothingOf(refused, json);
  }

  @Test
  void a_keyset_whose_primary_is_disabled_is_refused() {
    String json = MasterKeyset.generate().toJson().replace("\"ENABLED\"", "\"DISABLED\"");

    InvalidMasterKeyset refused =
        assertThrows(InvalidMasterKeyset.class, () -> MasterKeyset.fromJson(json));

    assertTrue(refused.getMessage().contains("no enabled primary"), refused.getMessage());
    assertSaysNothingOf(refused, json);
  }

  static Stream<String> malformed_keysets() {
    String valid = MasterKeyset.generate().toJson();
    return Stream.of(
        "",
        "   \n",
        "not json at all",
        "{}",
        "[]",
        "{\"primaryKeyId\":1,\"key\":[]}",
        valid.substring(0, valid.length() / 2),
        valid.replace("AesGcmKey", "AesGcmKeyX"),
        // A 4-byte AES key inside an otherwise well-formed keyset.
        valid.replaceFirst("\"value\":\"[^\"]+\"", "\"value\":\"GgQAAAAA\""),
        "{\"encryptedKeyset\":\"AAAA\",\"keysetInfo\":{}}");
  }

  @ParameterizedTest
  @MethodSource("malformed_keysets")
  void malformed_keyset_text_is_refused_with_a_message_that_quotes_none_of_it(String text) {
    InvalidMasterKeyset refused =
        assertThrows(InvalidMasterKeyset.class, () -> MasterKeyset.fromJson(text));

    assertTrue(refused.getMessage().startsWith("master keyset "), refused.getMessage());
    assertFalse(refused.getMessage().contains("{"), refused.getMessage());
    assertEquals(null, refused.getCause());
    if (KEY_VALUE.matcher(text).find()) {
      assertSaysNothingOf(refused, text);
    }
  }

  @Test
  void a_missing_keyset_is_refused() {
    assertThrows(InvalidMasterKeyset.class, () -> MasterKeyset.fromJson(null));
  }

  @Test
  void rotation_adds_a_new_primary_and_keeps_every_old_key() {
    MasterKeyset original = MasterKeyset.generate();

    MasterKeyset once = original.rotate();
    MasterKeyset twice = MasterKeyset.fromJson(once.toJson()).rotate();

    assertEquals(2, once.keyIds().size());
    assertNotEquals(original.primaryKeyId(), once.primaryKeyId());
    assertTrue(once.keyIds().contains(original.primaryKeyId()));
    assertEquals(3, twice.keyIds().size());
    assertTrue(twice.keyIds().containsAll(once.keyIds()));
    assertEquals(1, original.keyIds().size(), "rotation returns a copy");
    assertTrue(once.toJson().contains("AesGcmKey"));
  }

  @Test
  void staging_adds_a_key_without_changing_the_primary() {
    MasterKeyset original = MasterKeyset.generate();

    MasterKeyset staged = original.stageNewKey();

    assertEquals(original.primaryKeyId(), staged.primaryKeyId());
    assertEquals(2, staged.keyIds().size());
  }

  @Test
  void promoting_a_key_the_keyset_does_not_hold_is_refused() {
    MasterKeyset original = MasterKeyset.generate();
    int absent = original.primaryKeyId() + 1;

    assertThrows(IllegalArgumentException.class, () -> original.promote(absent));
  }

  @Test
  void the_keyset_prints_its_key_ids_but_no_key_material() {
    MasterKeyset keyset = MasterKeyset.generate().rotate();
    String keyMaterial = keyValueOf(keyset.toJson());

    String text = keyset.toString();

    assertFalse(text.contains(keyMaterial), text);
    assertFalse(text.contains("value"), text);
    assertTrue(text.contains(String.valueOf(keyset.primaryKeyId())), text);
    assertTrue(text.contains("keys=2"), text);
  }

  private static void assertSaysNothingOf(InvalidMasterKeyset refused, String json) {
    String message = refused.getMessage();
    assertFalse(message.contains(keyValueOf(json)), message);
    assertFalse(message.contains(keyValueOf(json).substring(0, 8)), message);
    assertFalse(message.contains("primaryKeyId"), message);
    assertEquals(null, refused.getCause());
  }
}
