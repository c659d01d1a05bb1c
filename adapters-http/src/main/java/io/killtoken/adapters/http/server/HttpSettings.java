package io.killtoken.adapters.http.server;

import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP server listens.
 *
 * @param port 0 picks a free port (tests)
 * @param maxBodyBytes request bodies above this are refused with 413
 * @param drainTimeout how long a graceful stop waits for in-flight requests
 */
public record HttpSettings(String host, int port, long maxBodyBytes, Duration drainTimeout) {

  public HttpSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535");
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("the body limit must be at least 1 KiB");
    }
  }
}
