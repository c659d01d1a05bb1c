package io.killtoken.domain.provider;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the operator runs one provider: an optional base URL override (regional endpoint, egress
 * proxy, local test server — tenants can never set it) and the timeouts.
 *
 * @param firstByte longest wait for the upstream's first response byte
 * @param idle longest gap between two chunks of a stream
 */
public record ProviderSettings(
    Optional<URI> baseUrl, Duration connect, Duration firstByte, Duration idle) {

  public static final ProviderSettings DEFAULTS =
      new ProviderSettings(
          Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofSeconds(60));

  public ProviderSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(connect, "connect");
    Objects.requireNonNull(firstByte, "firstByte");
    Objects.requireNonNull(idle, "idle");
  }

  public ProviderSettings withBaseUrl(URI url) {
    return new ProviderSettings(Optional.of(url), connect, firstByte, idle);
  }
}
