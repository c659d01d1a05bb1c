package io.killtoken.adapters.http.access;

import io.javalin.http.Context;
import java.time.Duration;

/**
 * The dashboard session cookie: HttpOnly, SameSite=Strict, Path=/, with an expiry, and Secure when
 * the request came over HTTPS (directly or through a trusted proxy) or the operator forces it.
 */
public final class SessionCookie {

  public static final String NAME = "kt_session";

  private final ClientAddress address;
  private final boolean alwaysSecure;

  public SessionCookie(ClientAddress address, boolean alwaysSecure) {
    this.address = address;
    this.alwaysSecure = alwaysSecure;
  }

  public void set(Context ctx, String value, Duration lifetime) {
    write(ctx, value, lifetime.toSeconds());
  }

  public void clear(Context ctx) {
    write(ctx, "", 0);
  }

  private void write(Context ctx, String value, long maxAgeSeconds) {
    String cookie =
        NAME
            + "="
            + value
            + "; Path=/; Max-Age="
            + maxAgeSeconds
            + "; HttpOnly; SameSite=Strict"
            + (alwaysSecure || address.https(ctx) ? "; Secure" : "");
    ctx.res().addHeader("Set-Cookie", cookie);
  }
}
