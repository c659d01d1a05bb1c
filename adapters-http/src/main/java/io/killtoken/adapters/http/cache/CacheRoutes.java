package io.killtoken.adapters.http.cache;

import io.javalin.config.JavalinConfig;
import io.killtoken.adapters.http.access.AdminAccess;
import io.killtoken.application.cache.ManageCache;
import io.killtoken.domain.cache.CacheStats;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/v1/cache}: the calling tenant's response-cache statistics ({@code GET}) and purge
 * ({@code DELETE}, only its own entries). 503 when the cache store cannot be reached.
 */
public final class CacheRoutes {

  private final ManageCache cache;

  public CacheRoutes(ManageCache cache) {
    this.cache = cache;
  }

  public void register(JavalinConfig config) {
    config.routes.get(
        "/api/v1/cache", ctx -> ctx.json(view(cache.stats(AdminAccess.caller(ctx).tenant()))));
    config.routes.delete(
        "/api/v1/cache",
        ctx -> ctx.json(Map.of("purged", cache.purge(AdminAccess.caller(ctx).tenant()))));
  }

  private static Map<String, Object> view(CacheStats stats) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("entries", stats.entries());
    view.put("bytes", stats.bytes());
    view.put("hits", stats.hits());
    view.put("misses", stats.misses());
    view.put("tokens_saved", stats.saved().total());
    view.put("input_tokens_saved", stats.saved().input());
    view.put("output_tokens_saved", stats.saved().output());
    view.put("usd_saved", BigDecimal.valueOf(stats.savedCost().value(), 6));
    return view;
  }
}
