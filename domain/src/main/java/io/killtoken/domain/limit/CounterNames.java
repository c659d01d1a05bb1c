package io.killtoken.domain.limit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Names counters after personal values (a client IP, an email) without putting the value in the
 * store: an HMAC-SHA256 under a server secret, so that a copy of Redis cannot be reversed by
 * hashing every IPv4 address or a list of emails.
 */
public final class CounterNames {

  private final byte[] key;

  public CounterNames(byte[] key) {
    if (key == null || key.length < 32) {
      throw new IllegalArgumentException("a counter-name key has at least 256 bits");
    }
    this.key = key.clone();
  }

  public LimitKey name(String prefix, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
      return new LimitKey(prefix + HexFormat.of().formatHex(digest, 0, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  @Override
  public String toString() {
    return "CounterNames[redacted]";
  }
}
