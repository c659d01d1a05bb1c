package io.killtoken.adapters.http.access;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.killtoken.application.access.Caller;
import io.killtoken.application.account.AuthenticateSession;
import io.killtoken.application.apikey.AuthenticateApiKey;
import io.killtoken.domain.apikey.ApiKeyScope;
import io.killtoken.domain.error.InvalidApiKey;
import io.killtoken.domain.error.PermissionDenied;
import io.killtoken.domain.error.Unauthenticated;
import io.killtoken.domain.session.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Authenticates every matched {@code /api/v1/*} request but sign-up and login: an {@code
 * Authorization: Bearer kt_…} key with the {@code admin} scope, or the session cookie — which must
 * also carry its CSRF token in {@code X-CSRF-Token} for anything but a read. A key in a query
 * string, body or cookie is never looked at; two Authorization headers are a 400.
 */
public final class AdminAccess {

  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String CALLER = "killtoken.caller";
  private static final Set<String> PUBLIC = Set.of("/api/v1/auth/signup", "/api/v1/auth/login");
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  private final AuthenticateApiKey keys;
  private final AuthenticateSession sessions;

  public AdminAccess(AuthenticateApiKey keys, AuthenticateSession sessions) {
    this.keys = keys;
    this.sessions = sessions;
  }

  public void register(JavalinConfig config) {
    config.routes.beforeMatched("/api/v1/*", this::authenticate);
  }

  /** The authenticated caller of the request in hand. */
  public static Caller caller(Context ctx) {
    Caller caller = ctx.attribute(CALLER);
    if (caller == null) {
      throw new Unauthenticated("Authentication required.");
    }
    return caller;
  }

  private void authenticate(Context ctx) {
    if (PUBLIC.contains(ctx.path())) {
      return;
    }
    String authorization = CredentialHeaders.single(ctx, "Authorization").orElse(null);
    if (authorization != null) {
      ctx.attribute(
          CALLER,
          new Caller.WithApiKey(keys.authenticate(bearer(authorization), ApiKeyScope.ADMIN)));
      return;
    }
    Session session =
        sessions
            .authenticate(ctx.cookie(SessionCookie.NAME))
            .orElseThrow(() -> new Unauthenticated("Authentication required."));
    if (!READS.contains(ctx.method().name()) && !csrfMatches(ctx, session)) {
      throw new PermissionDenied("Missing or wrong CSRF token (send it in X-CSRF-Token).");
    }
    ctx.attribute(CALLER, new Caller.WithSession(session));
  }

  private static String bearer(String authorization) {
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).strip();
    }
    throw new InvalidApiKey();
  }

  private boolean csrfMatches(Context ctx, Session session) {
    String presented = ctx.header(CSRF_HEADER);
    return presented != null
        && MessageDigest.isEqual(
            presented.getBytes(StandardCharsets.UTF_8),
            sessions.csrfToken(session).getBytes(StandardCharsets.UTF_8));
  }
}
