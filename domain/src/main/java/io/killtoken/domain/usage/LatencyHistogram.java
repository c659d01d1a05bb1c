package io.killtoken.domain.usage;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Latencies counted in fixed buckets, so that rollups can be added together and percentiles read
 * from any sum of them without keeping each latency. Immutable.
 *
 * <p>A percentile is reported as the upper edge of the bucket it falls in: "at most this long".
 * Latencies beyond the last edge count in an open bucket whose percentile reads as that edge.
 */
public final class LatencyHistogram {

  /** Upper edges of the buckets in milliseconds; one more bucket holds everything above. */
  public static final List<Long> EDGES_MS =
      List.of(
          5L, 10L, 20L, 50L, 100L, 200L, 300L, 500L, 750L, 1_000L, 1_500L, 2_000L, 3_000L, 5_000L,
          7_500L, 10_000L, 20_000L, 30_000L, 60_000L);

  /** How many counts a histogram has: one per edge and the open bucket above the last. */
  public static final int BUCKETS = EDGES_MS.size() + 1;

  public static final LatencyHistogram EMPTY = new LatencyHistogram(new long[BUCKETS]);

  private static final long[] EDGES = EDGES_MS.stream().mapToLong(Long::longValue).toArray();

  private final long[] counts;

  private LatencyHistogram(long[] counts) {
    this.counts = counts;
  }

  /** A histogram from stored counts, one per bucket, none negative. */
  public static LatencyHistogram of(long[] counts) {
    if (counts.length != BUCKETS) {
      throw new IllegalArgumentException("a latency histogram has " + BUCKETS + " buckets");
    }
    for (long count : counts) {
      if (count < 0) {
        throw new IllegalArgumentException("bucket counts must not be negative");
      }
    }
    return new LatencyHistogram(counts.clone());
  }

  /** One latency. */
  public static LatencyHistogram of(Duration latency) {
    long[] counts = new long[BUCKETS];
    counts[bucket(latency)]++;
    return new LatencyHistogram(counts);
  }

  /** The bucket a latency counts in. */
  public static int bucket(Duration latency) {
    long millis = Math.max(0, latency.toMillis());
    int at = Arrays.binarySearch(EDGES, millis);
    return at >= 0 ? at : -at - 1;
  }

  public LatencyHistogram plus(LatencyHistogram other) {
    long[] sum = new long[BUCKETS];
    for (int i = 0; i < BUCKETS; i++) {
      sum[i] = Math.addExact(counts[i], other.counts[i]);
    }
    return new LatencyHistogram(sum);
  }

  public long count() {
    long total = 0;
    for (long count : counts) {
      total += count;
    }
    return total;
  }

  /** A copy of the counts, one per bucket. */
  public long[] counts() {
    return counts.clone();
  }

  /**
   * The latency at most {@code quantile} (0 &lt; q ≤ 1) of the calls took, as a bucket's upper
   * edge; zero when there are no calls.
   */
  public Duration percentile(double quantile) {
    if (!(quantile > 0 && quantile <= 1)) {
      throw new IllegalArgumentException("quantile must be in (0, 1]");
    }
    long total = count();
    if (total == 0) {
      return Duration.ZERO;
    }
    long rank = (long) Math.ceil(quantile * total);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Duration.ofMillis(EDGES[Math.min(i, EDGES.length - 1)]);
      }
    }
    return Duration.ofMillis(EDGES[EDGES.length - 1]);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LatencyHistogram that && Arrays.equals(counts, that.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "LatencyHistogram" + Arrays.toString(counts);
  }
}
