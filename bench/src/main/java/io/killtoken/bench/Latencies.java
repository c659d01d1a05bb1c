package io.killtoken.bench;

import java.util.Arrays;

/** A sorted set of measured durations in nanoseconds, read as nearest-rank percentiles. */
final class Latencies {

  static final Latencies NONE = new Latencies(new long[0]);

  private final long[] sorted;

  private Latencies(long[] sorted) {
    this.sorted = sorted;
  }

  static Latencies of(long[] nanos, int count) {
    long[] copy = Arrays.copyOf(nanos, count);
    Arrays.sort(copy);
    return new Latencies(copy);
  }

  int count() {
    return sorted.length;
  }

  /** The nearest-rank percentile in milliseconds; NaN when nothing was measured. */
  double percentileMillis(double percent) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)] / 1e6;
  }

  double p50() {
    return percentileMillis(50);
  }

  double p99() {
    return percentileMillis(99);
  }
}
