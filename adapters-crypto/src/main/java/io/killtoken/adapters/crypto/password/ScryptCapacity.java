package io.killtoken.adapters.crypto.password;

/**
 * How much scrypt work the heap holds at once, derived from the JVM's maximum heap — never
 * configured by a guess: the heap less a headroom for everything else the process keeps (requests,
 * caches, buffers), shared out in MiB among concurrent hashes of {@code 128 · N · r} bytes each.
 *
 * @param maxHeapBytes the most heap the JVM will ever have ({@link Runtime#maxMemory()})
 */
public record ScryptCapacity(long maxHeapBytes) {

  static final long MIB = 1024L * 1024;

  /**
   * The working set left to everything but scrypt: a quarter of the heap, and never less than the
   * 64 MiB KillToken needs under a hundred connections with the shipped JVM options.
   */
  static final long MIN_HEADROOM_BYTES = 64 * MIB;

  public ScryptCapacity {
    if (maxHeapBytes <= 0) {
      throw new IllegalArgumentException("the maximum heap must be positive");
    }
  }

  /** The capacity of the heap this JVM runs with. */
  public static ScryptCapacity ofThisJvm() {
    return new ScryptCapacity(Runtime.getRuntime().maxMemory());
  }

  /** The heap kept for everything but scrypt arrays. */
  public long headroomBytes() {
    return Math.max(MIN_HEADROOM_BYTES, maxHeapBytes / 4);
  }

  /** The heap scrypt arrays may take together, in whole MiB (zero when the heap is that small). */
  public int budgetMib() {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, maxHeapBytes - headroomBytes()) / MIB);
  }

  /** How many hashes with these parameters fit in the budget at once (zero: not even one). */
  public int concurrentHashes(ScryptParameters parameters) {
    return (int) (budgetMib() / mibOf(parameters));
  }

  /** The whole MiB one hash with these parameters holds while it runs. */
  static long mibOf(ScryptParameters parameters) {
    return (parameters.memoryBytes() + MIB - 1) / MIB;
  }
}
