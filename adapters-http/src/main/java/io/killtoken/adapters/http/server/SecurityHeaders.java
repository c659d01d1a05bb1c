package io.killtoken.adapters.http.server;

import io.javalin.http.Context;

/**
 * The headers every response carries (no sniffing, no framing, no referrer), and the policy of the
 * dashboard's page and assets: scripts, styles and connections from KillToken itself only — no
 * inline script or style, no {@code unsafe-*}, nothing from another origin. The admin API's answers
 * hold account data and are never stored by a browser or a proxy.
 */
public final class SecurityHeaders {

  static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
          + "connect-src 'self'; font-src 'self'; manifest-src 'self'; form-action 'self'; "
          + "base-uri 'none'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  /** For every response, set before its handler runs (which may set a stricter cache rule). */
  public static void everyResponse(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    if (ctx.path().startsWith("/api/")) {
      ctx.header("Cache-Control", "no-store");
    }
  }

  public static void page(Context ctx) {
    ctx.header("Content-Security-Policy", POLICY);
    ctx.header("Cache-Control", "no-store");
  }

  public static void asset(Context ctx) {
    ctx.header("Content-Security-Policy", POLICY);
    ctx.header("Cache-Control", "no-cache");
  }
}
