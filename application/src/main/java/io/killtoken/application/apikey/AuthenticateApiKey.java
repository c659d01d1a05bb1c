package io.killtoken.application.apikey;

import io.killtoken.domain.apikey.ApiKey;
import io.killtoken.domain.apikey.ApiKeyFormat;
import io.killtoken.domain.apikey.ApiKeyRepository;
import io.killtoken.domain.apikey.ApiKeyScope;
import io.killtoken.domain.error.DependencyUnavailable;
import io.killtoken.domain.error.InvalidApiKey;
import io.killtoken.domain.error.PermissionDenied;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Use case: the live key behind a presented API key, checked for a scope. A malformed key is
 * refused by its checksum without a lookup; a revoked key is gone from the store, so the first
 * request after the revoke returns is refused on every node. The last-used time is written off the
 * request path, at most once a minute per key.
 */
public final class AuthenticateApiKey {

  private static final Duration USE_RESOLUTION = Duration.ofMinutes(1);

  private final ApiKeyRepository keys;
  private final InstantSource clock;
  private final Executor background;
  private final Map<String, Instant> lastRecorded = new ConcurrentHashMap<>();

  public AuthenticateApiKey(ApiKeyRepository keys, InstantSource clock, Executor background) {
    this.keys = keys;
    this.clock = clock;
    this.background = background;
  }

  public ApiKey authenticate(String presented, ApiKeyScope scope) {
    ApiKey key =
        keys.findByHash(ApiKeyFormat.hash(ApiKeyFormat.parse(presented)))
            .orElseThrow(InvalidApiKey::new);
    if (!key.allows(scope)) {
      throw new PermissionDenied(
          "This API key lacks the '"
              + scope.name().toLowerCase(java.util.Locale.ROOT)
              + "' scope.");
    }
    recordUse(key);
    return key;
  }

  private void recordUse(ApiKey key) {
    Instant now = clock.instant();
    Instant previous = lastRecorded.get(key.id().value());
    if (previous != null && now.isBefore(previous.plus(USE_RESOLUTION))) {
      return;
    }
    lastRecorded.put(key.id().value(), now);
    background.execute(
        () -> {
          try {
            keys.recordUse(key.id(), now);
          } catch (DependencyUnavailable outage) {
            // Best effort: the last-use time lags while the database is down, which the store's
            // guard has logged once already; the request itself did not need it.
          }
        });
  }
}
