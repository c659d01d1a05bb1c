package io.killtoken.domain.limit;

import io.killtoken.domain.Digests;
import java.util.HexFormat;

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
    byte[] digest = Digests.hmacSha256(key, String.valueOf(value));
    return new LimitKey(prefix + HexFormat.of().formatHex(digest, 0, 16));
  }

  @Override
  public String toString() {
    return "CounterNames[redacted]";
  }
}
