package io.killtoken.adapters.http.settings;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.killtoken.adapters.http.access.AdminAccess;
import io.killtoken.adapters.http.json.JsonBody;
import io.killtoken.application.settings.ManageSettings;
import io.killtoken.application.settings.UpdateSettingsCommand;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.settings.CacheMode;
import io.killtoken.domain.settings.TenantSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code /api/v1/settings}: prompt storage, cache mode and TTL, retention. */
public final class SettingsRoutes {

  private final ManageSettings settings;

  public SettingsRoutes(ManageSettings settings) {
    this.settings = settings;
  }

  public void register(JavalinConfig config) {
    config.routes.get(
        "/api/v1/settings", ctx -> ctx.json(view(settings.show(AdminAccess.caller(ctx).tenant()))));
    config.routes.patch("/api/v1/settings", this::update);
  }

  private void update(Context ctx) {
    JsonBody body =
        JsonBody.read(
            ctx,
            Set.of(
                "prompt_storage",
                "cache_mode",
                "cache_ttl_seconds",
                "retention_days",
                "plain_end_user_ids"));
    TenantSettings updated =
        settings.update(
            new UpdateSettingsCommand(
                AdminAccess.caller(ctx).tenant(),
                body.bool("prompt_storage"),
                body.text("cache_mode").map(SettingsRoutes::mode),
                body.integer("cache_ttl_seconds")
                    .map(s -> Duration.ofSeconds(Math.clamp(s, 0, Integer.MAX_VALUE))),
                body.integer("retention_days").map(d -> (int) Math.clamp(d, 0, Integer.MAX_VALUE)),
                body.bool("plain_end_user_ids")));
    ctx.json(view(updated));
  }

  private static CacheMode mode(String text) {
    try {
      return CacheMode.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequest("'cache_mode' must be 'off', 'deterministic' or 'all'.");
    }
  }

  private static Map<String, Object> view(TenantSettings settings) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("prompt_storage", settings.promptStorage());
    view.put("cache_mode", settings.cacheMode().name().toLowerCase(Locale.ROOT));
    view.put("cache_ttl_seconds", settings.cacheTtl().toSeconds());
    view.put("retention_days", settings.retentionDays());
    view.put("plain_end_user_ids", settings.plainEndUserIds());
    return view;
  }
}
