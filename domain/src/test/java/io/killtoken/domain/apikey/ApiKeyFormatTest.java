package io.killtoken.domain.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.error.InvalidApiKey;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {

  private final ApiKeyFormat format = new ApiKeyFormat(new SecureRandom());

  @Test
  void a_generated_key_has_the_prefix_and_parses_back() {
    PlainApiKey key = format.generate();

    assertTrue(key.value().startsWith("kt_"));
    assertEquals(41, key.value().length());
    assertEquals(key, ApiKeyFormat.parse(key.value()));
  }

  @Test
  void generated_keys_do_not_repeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertTrue(seen.add(format.generate().value()));
    }
  }

  @Test
  void a_key_with_one_character_changed_is_refused_by_its_checksum() {
    String key = format.generate().value();
    char[] chars = key.toCharArray();
    chars[10] = chars[10] == 'a' ? 'b' : 'a';

    assertThrows(InvalidApiKey.class, () -> ApiKeyFormat.parse(new String(chars)));
  }

  @Test
  void malformed_keys_are_refused_without_saying_why() {
    String good = format.generate().value();
    for (String bad :
        new String[] {
          null,
          "",
          "kt_",
          good.substring(1),
          good + "x",
          "sk" + good.substring(2),
          good.substring(0, 20) + "!" + good.substring(21),
          good.replace('k', 'K')
        }) {
      InvalidApiKey error = assertThrows(InvalidApiKey.class, () -> ApiKeyFormat.parse(bad));
      assertEquals("Invalid API key.", error.getMessage());
    }
  }

  @Test
  void the_preview_shows_the_prefix_and_at_most_four_characters_of_each_end() {
    PlainApiKey key = format.generate();
    String preview = ApiKeyFormat.preview(key);

    assertEquals("kt_" + key.value().substring(3, 7) + "…" + key.value().substring(37), preview);
    assertFalse(preview.contains(key.value().substring(3, 8)));
  }

  @Test
  void the_hash_is_a_stable_sha256_and_differs_per_key() {
    PlainApiKey key = format.generate();

    assertEquals(ApiKeyFormat.hash(key), ApiKeyFormat.hash(new PlainApiKey(key.value())));
    assertNotEquals(ApiKeyFormat.hash(key), ApiKeyFormat.hash(format.generate()));
    assertFalse(ApiKeyFormat.hash(key).hex().contains(key.value().substring(3)));
  }

  @Test
  void the_plain_key_never_prints_itself() {
    PlainApiKey key = format.generate();

    assertFalse(key.toString().contains(key.value()));
    assertFalse(String.valueOf(key).contains("kt_"));
  }
}
