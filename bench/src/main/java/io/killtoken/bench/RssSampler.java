package io.killtoken.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples one process's resident memory on a background thread: the peak over the whole run, the
 * peak since the last {@link #resetWindow()}, and a timeline for the soak.
 */
final class RssSampler implements AutoCloseable {

  /** One sample: seconds since the sampler started, and bytes. */
  record Point(double seconds, long bytes) {}

  private final long pid;
  private final Duration every;
  private final long started = System.nanoTime();
  private final List<Point> timeline = new ArrayList<>();
  private final Thread thread;
  private long first;
  private long latest;
  private long peak;
  private long windowPeak;

  RssSampler(long pid, Duration every) {
    this.pid = pid;
    this.every = every;
    sample();
    this.thread = Thread.ofPlatform().name("rss-sampler").daemon().start(this::loop);
  }

  private void loop() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(every);
      } catch (InterruptedException e) {
        return;
      }
      sample();
    }
  }

  private synchronized void sample() {
    long bytes = ProcFs.rssBytes(pid);
    if (bytes == 0) {
      return;
    }
    if (first == 0) {
      first = bytes;
    }
    latest = bytes;
    peak = Math.max(peak, bytes);
    windowPeak = Math.max(windowPeak, bytes);
    timeline.add(new Point((System.nanoTime() - started) / 1e9, bytes));
  }

  /** Seconds since the sampler started, on the timeline's clock. */
  double seconds() {
    return (System.nanoTime() - started) / 1e9;
  }

  synchronized void resetWindow() {
    windowPeak = ProcFs.rssBytes(pid);
  }

  synchronized long first() {
    return first;
  }

  synchronized long latest() {
    sample();
    return latest;
  }

  synchronized long peak() {
    return peak;
  }

  synchronized long windowPeak() {
    return windowPeak;
  }

  synchronized List<Point> timeline() {
    return List.copyOf(timeline);
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
