package io.killtoken.domain.session;

import java.util.Arrays;

/** The server secret that signs session cookies; at least 256 bits, never printed. */
public final class SessionSigningKey {

  private static final int MIN_BYTES = 32;
  private final byte[] bytes;

  public SessionSigningKey(byte[] bytes) {
    if (bytes == null || bytes.length < MIN_BYTES) {
      throw new IllegalArgumentException("a session signing key has at least 256 bits");
    }
    this.bytes = bytes.clone();
  }

  byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SessionSigningKey key && Arrays.equals(bytes, key.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "SessionSigningKey[redacted]";
  }
}
