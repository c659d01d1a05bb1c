package io.killtoken.adapters.crypto.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.password4j.ScryptFunction;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.user.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each real hash costs 128 MiB and a few hundred milliseconds, so the suite makes only two. */
class ScryptPasswordHasherTest {

  private static final PlainSecret PASSWORD = new PlainSecret("correct hörse bättery 🐎 staple");

  private static ScryptPasswordHasher hasher;
  private static PasswordHash stored;

  @BeforeAll
  static void hash_once() {
    hasher = new ScryptPasswordHasher();
    stored = hasher.hash(PASSWORD);
  }

  @Test
  void the_hash_verifies_its_password_and_no_other() {
    assertTrue(hasher.verify(PASSWORD, stored));
    assertFalse(hasher.verify(new PlainSecret("correct horse battery 🐎 staple"), stored));
  }

  @Test
  void two_hashes_of_one_password_differ_by_their_salt() {
    PasswordHash again = hasher.hash(PASSWORD);

    assertNotEquals(stored.encoded(), again.encoded());
    assertNotEquals(stored.encoded().split("\\$")[2], again.encoded().split("\\$")[2]);
  }

  @Test
  void the_encoded_hash_states_n_131072_r_8_p_1_a_16_byte_salt_and_a_32_byte_key() {
    // password4j's scrypt form: $<hex of log2(N)<<16 | r<<8 | p>$<base64 salt>$<base64 key>
    String[] parts = stored.encoded().split("\\$");

    assertEquals(4, parts.length, "leading empty part, params, salt, key");
    assertEquals("", parts[0]);
    long packed = Long.parseLong(parts[1], 16);
    assertEquals(131072, 1 << (packed >> 16 & 0xFFFF));
    assertEquals(8, packed >> 8 & 0xFF);
    assertEquals(1, packed & 0xFF);
    assertEquals(16, Base64.getDecoder().decode(parts[2]).length);
    assertEquals(32, Base64.getDecoder().decode(parts[3]).length);
    assertFalse(hasher.needsRehash(stored));
  }

  @Test
  void a_hash_made_with_weaker_parameters_still_verifies_but_asks_for_a_rehash() {
    PasswordHash weak =
        new PasswordHash(
            ScryptFunction.getInstance(1 << 12, 8, 1, 32)
                .hash(
                    PASSWORD.value().getBytes(StandardCharsets.UTF_8),
                    "sixteen byte slt".getBytes(StandardCharsets.US_ASCII))
                .getResult());

    assertTrue(hasher.verify(PASSWORD, weak));
    assertFalse(hasher.verify(new PlainSecret("guess"), weak));
    assertTrue(hasher.needsRehash(weak));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "hunter2",
        "$2a$10$abcdefghijklmnopqrstuv",
        "$110801$c2FsdA==",
        "$zz0801$c2FsdHNhbHRzYWx0c2FsdA==$AAAA",
        "$110001$c2FsdHNhbHRzYWx0c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "$110801$not*base64$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
      })
  void a_malformed_stored_hash_never_matches_and_asks_for_a_rehash(String encoded) {
    PasswordHash malformed = new PasswordHash(encoded);

    assertFalse(hasher.verify(PASSWORD, malformed));
    assertTrue(hasher.needsRehash(malformed));
  }

  @Test
  void a_stored_hash_demanding_absurd_memory_is_refused_without_computing_it() {
    // log2(N)=30, r=8: 128 GiB if it were computed.
    PasswordHash planted =
        new PasswordHash(
            "$1e0801$c2FsdHNhbHRzYWx0c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

    assertTimeoutPreemptively(
        Duration.ofSeconds(2), () -> assertFalse(hasher.verify(PASSWORD, planted)));
  }

  @Test
  void parameters_below_the_owasp_minimum_are_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ScryptPasswordHasher(new ScryptParameters(1 << 16, 8, 1, 32)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ScryptPasswordHasher(new ScryptParameters(1 << 17, 4, 1, 32)));
    assertThrows(IllegalArgumentException.class, () -> new ScryptParameters(100_000, 8, 1, 32));
  }

  @Test
  void the_hash_and_the_password_print_redacted() {
    assertEquals("PasswordHash[redacted]", stored.toString());
    assertFalse(stored.toString().contains(stored.encoded().split("\\$")[3]));
    assertFalse(hasher.toString().contains("hörse"));
  }
}
