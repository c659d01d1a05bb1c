package io.killtoken.adapters.crypto.password;

/**
 * The cost of one scrypt hash: CPU/memory cost {@code n} (a power of two), block size {@code r},
 * parallelism {@code p} and derived key length in bytes.
 */
public record ScryptParameters(int n, int r, int p, int keyLength) {

  /** OWASP's minimum for scrypt, which KillToken's security page promises: N=2^17, r=8, p=1. */
  public static final ScryptParameters OWASP_MINIMUM = new ScryptParameters(1 << 17, 8, 1, 32);

  public ScryptParameters {
    if (n < 2 || Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("scrypt N must be a power of two above 1, was " + n);
    }
    if (r < 1 || p < 1) {
      throw new IllegalArgumentException("scrypt r and p must be positive, were " + r + ", " + p);
    }
    if (keyLength < 16) {
      throw new IllegalArgumentException("scrypt key length must be 16 bytes or more");
    }
  }

  /** True when every parameter is at least the other's, i.e. no weaker in any dimension. */
  public boolean atLeast(ScryptParameters other) {
    return n >= other.n && r >= other.r && p >= other.p && keyLength >= other.keyLength;
  }

  /** The memory one hash needs, {@code 128 · N · r} bytes. */
  public long memoryBytes() {
    return 128L * n * r;
  }
}
