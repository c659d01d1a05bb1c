package io.killtoken.domain.fingerprint;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
      byte[] digest = mac.doFinal(normalize(prompt).getBytes(StandardCharsets.UTF_8));
      return new PromptFingerprint(HexFormat.of().formatHex(digest));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  static String normalize(String prompt) {
    String composed = Normalizer.normalize(prompt, Normalizer.Form.NFC);
    return WHITESPACE.matcher(composed).replaceAll(" ").strip();
  }
}
