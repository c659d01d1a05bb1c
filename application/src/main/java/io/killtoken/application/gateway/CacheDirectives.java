package io.killtoken.application.gateway;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one request asks of the response cache: {@code Cache-Control: no-cache} or {@code
 * x-killtoken-cache: bypass} skip the read, {@code Cache-Control: no-store} skips the write, {@code
 * x-killtoken-cache-ttl} shortens (never lengthens) the tenant's time to live.
 */
public record CacheDirectives(boolean read, boolean write, Optional<Duration> ttl) {

  public static final CacheDirectives DEFAULT = new CacheDirectives(true, true, Optional.empty());

  public CacheDirectives {
    Objects.requireNonNull(ttl, "ttl");
  }
}
