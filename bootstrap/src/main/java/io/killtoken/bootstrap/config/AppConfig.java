package io.killtoken.bootstrap.config;

import io.killtoken.domain.provider.ProviderSettings;
import io.killtoken.domain.secret.PlainSecret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * KillToken's configuration, read once from the environment by {@link EnvReader}. Secret values are
 * held as {@link PlainSecret} so that printing the config never shows them.
 *
 * @param mongoUri empty: start the embedded MongoDB-wire server under {@code dataDir}
 * @param redisUrl empty: in-process cache and counters
 * @param masterKeyset empty: generate a development keyset under {@code dataDir}
 * @param sessionSecret signs session cookies; empty: generate a development one under {@code
 *     dataDir}
 * @param trustedProxies IPs or CIDR ranges whose X-Forwarded-For / -Proto headers are believed
 * @param cookieSecure mark the session cookie Secure even when the request looks like plain HTTP
 * @param providerBaseUrls operator overrides of provider base URLs, by provider id
 * @param providerDefaults timeouts for every provider call (connect, first byte, idle stream)
 * @param gateway price overrides and the upstream retry policy
 * @param billing plans, Stripe and the grace period
 */
public record AppConfig(
    Mode mode,
    String host,
    int port,
    Path dataDir,
    long maxBodyBytes,
    Duration drainTimeout,
    Optional<PlainSecret> mongoUri,
    String mongoDatabase,
    Optional<PlainSecret> redisUrl,
    Optional<PlainSecret> masterKeyset,
    Optional<PlainSecret> sessionSecret,
    List<String> trustedProxies,
    boolean cookieSecure,
    Duration sessionLifetime,
    Map<String, URI> providerBaseUrls,
    ProviderSettings providerDefaults,
    GatewayConfig gateway,
    BillingConfig billing) {

  public AppConfig {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    Objects.requireNonNull(mongoUri, "mongoUri");
    Objects.requireNonNull(mongoDatabase, "mongoDatabase");
    Objects.requireNonNull(redisUrl, "redisUrl");
    Objects.requireNonNull(masterKeyset, "masterKeyset");
    Objects.requireNonNull(sessionSecret, "sessionSecret");
    trustedProxies = List.copyOf(trustedProxies);
    Objects.requireNonNull(sessionLifetime, "sessionLifetime");
    providerBaseUrls = Map.copyOf(providerBaseUrls);
    Objects.requireNonNull(providerDefaults, "providerDefaults");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(billing, "billing");
  }

  /** Reads the configuration, or throws {@link ConfigException} listing every bad variable. */
  public static AppConfig fromEnv(java.util.Map<String, String> env) {
    return new EnvReader(env).read();
  }
}
