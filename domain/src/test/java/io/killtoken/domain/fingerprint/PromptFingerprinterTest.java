package io.killtoken.domain.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PromptFingerprinterTest {

  private static final String PROMPT = "Summarize the attached contract in three bullet points.";

  private static FingerprintKey randomKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return new FingerprintKey(bytes);
  }

  @Test
  void equal_prompts_of_one_tenant_have_equal_fingerprints() {
    FingerprintKey key = randomKey();

    assertEquals(
        PromptFingerprinter.fingerprint(key, PROMPT), PromptFingerprinter.fingerprint(key, PROMPT));
  }

  @Test
  void equal_prompts_of_two_tenants_have_unrelated_fingerprints() {
    assertNotEquals(
        PromptFingerprinter.fingerprint(randomKey(), PROMPT),
        PromptFingerprinter.fingerprint(randomKey(), PROMPT));
  }

  @Test
  void whitespace_and_unicode_composition_do_not_split_equal_prompts() {
    FingerprintKey key = randomKey();
    String decomposed = "Cafe\u0301  menu\n\tplease ";
    String composed = "Café menu please";

    assertEquals(
        PromptFingerprinter.fingerprint(key, composed),
        PromptFingerprinter.fingerprint(key, decomposed));
  }

  @Test
  void different_prompts_have_different_fingerprints_and_case_matters() {
    FingerprintKey key = randomKey();

    assertNotEquals(
        PromptFingerprinter.fingerprint(key, "Yes"), PromptFingerprinter.fingerprint(key, "yes"));
  }

  @Test
  void a_fingerprint_is_not_the_plain_sha256_of_the_prompt() throws Exception {
    String plain =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(PROMPT.getBytes(StandardCharsets.UTF_8)));

    assertNotEquals(plain, PromptFingerprinter.fingerprint(randomKey(), PROMPT).hex());
  }

  @Test
  void a_short_key_is_refused_and_a_key_never_prints_itself() {
    assertThrows(IllegalArgumentException.class, () -> new FingerprintKey(new byte[16]));
    byte[] bytes = new byte[32];
    bytes[0] = 0x41;
    assertFalse(new FingerprintKey(bytes).toString().contains("A"));
  }
}
