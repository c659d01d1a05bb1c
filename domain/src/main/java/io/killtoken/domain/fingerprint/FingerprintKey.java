package io.killtoken.domain.fingerprint;

import java.util.Arrays;

/** A tenant's secret HMAC key for prompt fingerprints; never printed. */
public final class FingerprintKey {

  private static final int MIN_BYTES = 32;
  private final byte[] bytes;

  public FingerprintKey(byte[] bytes) {
    if (bytes == null || bytes.length < MIN_BYTES) {
      throw new IllegalArgumentException("a fingerprint key has at least 256 bits");
    }
    this.bytes = bytes.clone();
  }

  byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FingerprintKey key && Arrays.equals(bytes, key.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "FingerprintKey[redacted]";
  }
}
