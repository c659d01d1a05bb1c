package io.killtoken.domain.fingerprint;

import io.killtoken.domain.Digests;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The prompt-privacy policy: analytics see HMAC-SHA256 fingerprints of prompts, keyed per tenant,
 * so two tenants' equal prompts have unrelated fingerprints and no fingerprint can be looked up in
 * a table of common prompts. Prompts are normalized first (Unicode NFC, runs of whitespace
 * collapsed, ends trimmed) so that formatting noise does not split equal prompts.
 */
public final class PromptFingerprinter {

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private PromptFingerprinter() {}

  public static PromptFingerprint fingerprint(FingerprintKey key, String prompt) {
    return new PromptFingerprint(
        HexFormat.of().formatHex(Digests.hmacSha256(key.bytes(), normalize(prompt))));
  }

  static String normalize(String prompt) {
    String composed = Normalizer.normalize(prompt, Normalizer.Form.NFC);
    return WHITESPACE.matcher(composed).replaceAll(" ").strip();
  }
}
