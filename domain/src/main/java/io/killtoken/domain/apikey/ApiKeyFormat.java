package io.killtoken.domain.apikey;

import io.killtoken.domain.Digests;
import io.killtoken.domain.error.InvalidApiKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * The API key policy: {@code kt_} + 32 random base62 characters (about 190 bits from {@link
 * SecureRandom}) + a 6-character base62 CRC32 checksum, so a mistyped or made-up key is refused
 * before any lookup. Keys are stored as SHA-256 only, next to a short preview.
 */
public final class ApiKeyFormat {

  public static final String PREFIX = "kt_";
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final int BODY = 32;
  private static final int CHECKSUM = 6;
  private static final int LENGTH = PREFIX.length() + BODY + CHECKSUM;
  private static final int PREVIEW_CHARS = 4;

  private final SecureRandom random;

  public ApiKeyFormat(SecureRandom random) {
    this.random = random;
  }

  /** A new random key. */
  public PlainApiKey generate() {
    StringBuilder key = new StringBuilder(LENGTH).append(PREFIX);
    for (int i = 0; i < BODY; i++) {
      key.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return new PlainApiKey(key.append(checksum(key)).toString());
  }

  /**
   * Accepts a presented key when its shape and checksum hold.
   *
   * @throws InvalidApiKey otherwise, without saying which part was wrong
   */
  public static PlainApiKey parse(String presented) {
    if (presented == null || presented.length() != LENGTH || !presented.startsWith(PREFIX)) {
      throw new InvalidApiKey();
    }
    for (int i = PREFIX.length(); i < LENGTH; i++) {
      if (ALPHABET.indexOf(presented.charAt(i)) < 0) {
        throw new InvalidApiKey();
      }
    }
    String payload = presented.substring(0, LENGTH - CHECKSUM);
    if (!checksum(payload).equals(presented.substring(LENGTH - CHECKSUM))) {
      throw new InvalidApiKey();
    }
    return new PlainApiKey(presented);
  }

  /** The stored form of a key. */
  public static ApiKeyHash hash(PlainApiKey key) {
    return new ApiKeyHash(HexFormat.of().formatHex(Digests.sha256(key.value())));
  }

  /** The prefix plus four characters of each end, e.g. {@code kt_AbCd…x9Yz}. */
  public static String preview(PlainApiKey key) {
    String value = key.value();
    return PREFIX
        + value.substring(PREFIX.length(), PREFIX.length() + PREVIEW_CHARS)
        + "…"
        + value.substring(value.length() - PREVIEW_CHARS);
  }

  private static String checksum(CharSequence payload) {
    CRC32 crc = new CRC32();
    crc.update(payload.toString().getBytes(StandardCharsets.US_ASCII));
    long value = crc.getValue();
    char[] digits = new char[CHECKSUM];
    for (int i = CHECKSUM - 1; i >= 0; i--) {
      digits[i] = ALPHABET.charAt((int) (value % ALPHABET.length()));
      value /= ALPHABET.length();
    }
    return new String(digits);
  }
}
