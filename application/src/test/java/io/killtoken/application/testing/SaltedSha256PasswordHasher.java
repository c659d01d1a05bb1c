package io.killtoken.application.testing;

import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.user.PasswordHash;
import io.killtoken.domain.user.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fast stand-in for the scrypt hasher with the same semantics: a fresh salt per hash, a hash that
 * states its own cost (so older hashes keep verifying), a constant-time check that is false for a
 * malformed hash, and {@link #needsRehash} for hashes below this hasher's cost. Scrypt itself is
 * tested in the crypto adapter.
 */
public final class SaltedSha256PasswordHasher implements PasswordHasher {

  private static final Pattern ENCODED =
      Pattern.compile("sha256\\$(\\d{1,3})\\$([0-9a-f]{32})\\$([0-9a-f]{64})");
  private static final HexFormat HEX = HexFormat.of();

  private final int cost;
  private final SecureRandom random = new SecureRandom();

  public SaltedSha256PasswordHasher() {
    this(1);
  }

  /**
   * @param cost stands for scrypt's parameters: a hash with a lower cost needs a rehash
   */
  public SaltedSha256PasswordHasher(int cost) {
    this.cost = cost;
  }

  @Override
  public PasswordHash hash(PlainSecret password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return new PasswordHash(
        "sha256$"
            + cost
            + "$"
            + HEX.formatHex(salt)
            + "$"
            + HEX.formatHex(digest(cost, salt, password)));
  }

  @Override
  public boolean verify(PlainSecret password, PasswordHash hash) {
    Matcher parsed = ENCODED.matcher(hash.encoded());
    if (!parsed.matches()) {
      return false;
    }
    byte[] expected = HEX.parseHex(parsed.group(3));
    byte[] actual =
        digest(Integer.parseInt(parsed.group(1)), HEX.parseHex(parsed.group(2)), password);
    return MessageDigest.isEqual(expected, actual);
  }

  @Override
  public boolean needsRehash(PasswordHash hash) {
    Matcher parsed = ENCODED.matcher(hash.encoded());
    return !parsed.matches() || Integer.parseInt(parsed.group(1)) < cost;
  }

  private static byte[] digest(int cost, byte[] salt, PlainSecret password) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update((cost + "$").getBytes(StandardCharsets.US_ASCII));
      sha256.update(salt);
      return sha256.digest(password.value().getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
