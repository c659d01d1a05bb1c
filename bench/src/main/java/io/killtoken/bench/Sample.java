package io.killtoken.bench;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one target answered during one measured window.
 *
 * @param requests successful calls started inside the window
 * @param errors failed calls, warm-up included (a non-200 status, an I/O error, a stream without
 *     {@code [DONE]})
 * @param firstError the first failure seen, to say what went wrong
 * @param window the measured window's length
 * @param total time to the last byte of the answer
 * @param firstToken time to the first SSE chunk carrying content (streams only)
 */
record Sample(
    long requests,
    long errors,
    Optional<String> firstError,
    Duration window,
    Latencies total,
    Latencies firstToken) {

  Sample {
    Objects.requireNonNull(firstError, "firstError");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(firstToken, "firstToken");
  }

  double throughput() {
    return requests / (window.toNanos() / 1e9);
  }
}
