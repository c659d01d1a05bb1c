package io.killtoken.adapters.http.gateway;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.killtoken.application.apikey.AuthenticateApiKey;
import io.killtoken.domain.apikey.ApiKey;
import io.killtoken.domain.apikey.ApiKeyScope;
import io.killtoken.domain.error.InvalidApiKey;

/**
 * Authenticates every matched {@code /v1/*} request with a gateway-scoped key: {@code
 * Authorization: Bearer kt_…} (OpenAI SDKs) or {@code x-api-key: kt_…} (Anthropic SDKs). A session
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
    String authorization = ctx.header("Authorization");
    String presented;
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      presented = authorization.substring(7).strip();
    } else if (ctx.header("x-api-key") != null) {
      presented = ctx.header("x-api-key").strip();
    } else {
      throw new InvalidApiKey();
    }
    ctx.attribute(KEY, keys.authenticate(presented, ApiKeyScope.GATEWAY));
  }
}
