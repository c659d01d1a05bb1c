package io.killtoken.adapters.crypto.password;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a password4j scrypt hash, {@code $<hex params>$<base64 salt>$<base64 key>}, where
 * the hex number packs {@code log2(N) << 16 | r << 8 | p} and the key length is the decoded key's.
 */
record EncodedScrypt(ScryptParameters parameters, int saltLength) {

  private static final Pattern SHAPE =
      Pattern.compile("\\$([0-9a-fA-F]{1,8})\\$([A-Za-z0-9+/]+={0,2})\\$([A-Za-z0-9+/]+={0,2})");

  static Optional<EncodedScrypt> parse(String encoded) {
    Matcher m = SHAPE.matcher(encoded);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      long packed = Long.parseLong(m.group(1), 16);
      int log2n = (int) (packed >> 16 & 0xFF);
      int r = (int) (packed >> 8 & 0xFF);
      int p = (int) (packed & 0xFF);
      if (log2n < 1 || log2n > 30) {
        return Optional.empty();
      }
      byte[] salt = Base64.getDecoder().decode(m.group(2));
      byte[] key = Base64.getDecoder().decode(m.group(3));
      return Optional.of(
          new EncodedScrypt(new ScryptParameters(1 << log2n, r, p, key.length), salt.length));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
