package io.killtoken.bench;

import java.util.Objects;

/**
 * One measured window against one target: what the clients saw, the CPU every process used
 * meanwhile, and KillToken's resident memory (peak during the window, and at its end).
 */
record Window(Sample sample, CpuTimes cpu, long killTokenRssPeak, long killTokenRssEnd) {

  Window {
    Objects.requireNonNull(sample, "sample");
    Objects.requireNonNull(cpu, "cpu");
  }

  /** Milliseconds of CPU per successful call; NaN without calls. */
  static double perCall(long cpuNanos, Sample sample) {
    return sample.requests() == 0 ? Double.NaN : cpuNanos / 1e6 / sample.requests();
  }
}
