package io.killtoken.domain.usage;

/**
 * Port: receives usage records. Implementations buffer and write in batches so that accounting
 * never sits on a request's hot path, and flush everything on shutdown.
 */
public interface UsageSink {

  /** Accepts the record without blocking on storage. */
  void record(UsageMetric metric);
}
