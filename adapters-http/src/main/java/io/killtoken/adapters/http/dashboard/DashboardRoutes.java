package io.killtoken.adapters.http.dashboard;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.killtoken.adapters.http.server.SecurityHeaders;
import java.util.List;

/**
 * The dashboard at {@code /}: one HTML page for every dashboard path, whose ES modules are a client
 * of {@code /api/v1} with the same session cookie and CSRF token as any other client (no second
 * path to the data), and the assets it loads, all from the jar. A browser asking for a path nobody
 * serves gets the page too, with status 404, and the page shows its not-found view.
 */
public final class DashboardRoutes {

  /** The pages the dashboard's router knows; {@code /keys/{id}} and the like show one object. */
  static final List<String> PAGES =
      List.of(
          "/",
          "/login",
          "/signup",
          "/usage",
          "/insights",
          "/keys",
          "/keys/{id}",
          "/credentials",
          "/exports",
          "/settings",
          "/billing",
          "/account");

  /** Paths that belong to machine clients: their 404 stays the API's own error body. */
  private static final List<String> NOT_PAGES =
      List.of("/api/", "/v1/", "/webhooks/", "/assets/", "/healthz", "/readyz");

  private final DashboardAssets assets;

  public DashboardRoutes(DashboardAssets assets) {
    this.assets = assets;
  }

  public void register(JavalinConfig config) {
    PAGES.forEach(page -> config.routes.get(page, this::page));
    config.routes.get("/assets/<path>", this::asset);
    config.routes.error(404, "html", this::notFound);
  }

  private void page(Context ctx) {
    SecurityHeaders.page(ctx);
    ctx.contentType("text/html; charset=utf-8").result(assets.page());
  }

  private void asset(Context ctx) {
    DashboardAssets.Asset asset = assets.find(ctx.pathParam("path")).orElse(null);
    if (asset == null) {
      ctx.status(404);
      return;
    }
    SecurityHeaders.asset(ctx);
    ctx.contentType(asset.contentType()).result(asset.bytes());
  }

  private void notFound(Context ctx) {
    String path = ctx.path();
    if (!"GET".equals(ctx.method().name()) || NOT_PAGES.stream().anyMatch(path::startsWith)) {
      return;
    }
    SecurityHeaders.page(ctx);
    ctx.status(404).contentType("text/html; charset=utf-8").result(assets.page());
  }
}
