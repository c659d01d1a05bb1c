package io.killtoken.adapters.http.gateway;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.killtoken.adapters.http.access.CredentialHeaders;
import io.killtoken.application.apikey.AuthenticateApiKey;
import io.killtoken.domain.apikey.ApiKey;
import io.killtoken.domain.apikey.ApiKeyScope;
import io.killtoken.domain.error.InvalidApiKey;
import io.killtoken.domain.error.InvalidRequest;

/**
 * Authenticates every matched {@code /v1/*} request with a gateway-scoped key: {@code
 * Authorization: Bearer kt_…} (OpenAI SDKs) or {@code x-api-key: kt_…} (Anthropic SDKs), on every
 * gateway route. Either header sent twice, or both carrying different keys, is a 400. A session
 * cookie never authenticates the gateway, and a key in a query string or body is never looked at.
 */
public final class GatewayAccess {

  private static final String KEY = "killtoken.gateway-key";

  private final AuthenticateApiKey keys;

  public GatewayAccess(AuthenticateApiKey keys) {
    this.keys = keys;
  }

  public void register(JavalinConfig config) {
    config.routes.beforeMatched("/v1/*", this::authenticate);
  }

  /** The gateway key of the request in hand. */
  static ApiKey key(Context ctx) {
    ApiKey key = ctx.attribute(KEY);
    if (key == null) {
      throw new InvalidApiKey();
    }
    return key;
  }

  private void authenticate(Context ctx) {
    ctx.header("x-killtoken-cache", "bypass");
    String bearer =
        CredentialHeaders.single(ctx, "Authorization")
            .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
            .map(value -> value.substring(7).strip())
            .orElse(null);
    String apiKey = CredentialHeaders.single(ctx, "x-api-key").map(String::strip).orElse(null);
    if (bearer != null && apiKey != null && !bearer.equals(apiKey)) {
      throw new InvalidRequest(
          "Authorization and x-api-key carry different keys: send one key, in one of them.");
    }
    String presented = bearer != null ? bearer : apiKey;
    if (presented == null) {
      throw new InvalidApiKey();
    }
    ctx.attribute(KEY, keys.authenticate(presented, ApiKeyScope.GATEWAY));
  }
}
