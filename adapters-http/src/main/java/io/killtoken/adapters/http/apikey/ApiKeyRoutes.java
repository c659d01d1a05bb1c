package io.killtoken.adapters.http.apikey;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.killtoken.adapters.http.access.AdminAccess;
import io.killtoken.adapters.http.json.JsonBody;
import io.killtoken.adapters.http.json.Paging;
import io.killtoken.adapters.http.json.Timestamps;
import io.killtoken.application.apikey.IssueApiKey;
import io.killtoken.application.apikey.IssueApiKeyCommand;
import io.killtoken.application.apikey.IssuedApiKey;
import io.killtoken.application.apikey.ManageApiKeys;
import io.killtoken.application.apikey.UpdateApiKeyCommand;
import io.killtoken.domain.apikey.ApiKey;
import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.NotFound;
import io.killtoken.domain.tenant.TenantId;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/keys}: create (the full key once, {@code Cache-Control: no-store}), list, show,
 * update, revoke. Responses show the preview, never the key or its hash.
 */
public final class ApiKeyRoutes {

  private final IssueApiKey issue;
  private final ManageApiKeys manage;

  public ApiKeyRoutes(IssueApiKey issue, ManageApiKeys manage) {
    this.issue = issue;
    this.manage = manage;
  }

  public void register(JavalinConfig config) {
    config.routes.post("/api/v1/keys", this::create);
    config.routes.get("/api/v1/keys", this::list);
    config.routes.get("/api/v1/keys/{id}", this::show);
    config.routes.patch("/api/v1/keys/{id}", this::update);
    config.routes.delete("/api/v1/keys/{id}", this::revoke);
  }

  private void create(Context ctx) {
    JsonBody body = JsonBody.read(ctx, ApiKeyRequests.FIELDS);
    IssuedApiKey issued =
        issue.issue(
            new IssueApiKeyCommand(
                tenant(ctx),
                body.requiredText("name"),
                ApiKeyRequests.scopes(body)
                    .orElseThrow(() -> new InvalidRequest("'scopes' is required.")),
                ApiKeyRequests.limits(body)));
    Map<String, Object> view = view(issued.key());
    view.put("key", issued.plain().value());
    ctx.status(201).header("Cache-Control", "no-store").json(view);
  }

  private void list(Context ctx) {
    ctx.json(Paging.body(manage.list(tenant(ctx), Paging.request(ctx)), ApiKeyRoutes::view));
  }

  private void show(Context ctx) {
    ctx.json(view(manage.show(tenant(ctx), id(ctx))));
  }

  private void update(Context ctx) {
    TenantId tenant = tenant(ctx);
    ApiKeyId id = id(ctx);
    JsonBody body = JsonBody.read(ctx, ApiKeyRequests.FIELDS);
    Optional<String> name =
        body.has("name") ? Optional.of(body.requiredText("name")) : Optional.empty();
    Optional<io.killtoken.domain.apikey.ApiKeyLimits> limits =
        ApiKeyRequests.touchesLimits(body)
            ? Optional.of(ApiKeyRequests.limits(body, manage.show(tenant, id).limits()))
            : Optional.empty();
    ApiKey updated =
        manage.update(
            new UpdateApiKeyCommand(tenant, id, name, ApiKeyRequests.scopes(body), limits));
    ctx.json(view(updated));
  }

  private void revoke(Context ctx) {
    manage.revoke(tenant(ctx), id(ctx));
    ctx.status(204);
  }

  private static TenantId tenant(Context ctx) {
    return AdminAccess.caller(ctx).tenant();
  }

  /** A malformed id is answered like an unknown one: no way to tell shapes from owners. */
  private static ApiKeyId id(Context ctx) {
    try {
      return new ApiKeyId(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw new NotFound("No API key with this id.");
    }
  }

  static Map<String, Object> view(ApiKey key) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", key.id().value());
    view.put("name", key.name());
    view.put("preview", key.preview());
    view.put(
        "scopes",
        key.scopes().stream().map(s -> s.name().toLowerCase(Locale.ROOT)).sorted().toList());
    view.put(
        "rpm_limit",
        key.limits().requestsPerMinute().isPresent()
            ? key.limits().requestsPerMinute().getAsInt()
            : null);
    view.put(
        "monthly_budget_usd",
        key.limits().monthlyBudget().map(m -> BigDecimal.valueOf(m.value(), 6)).orElse(null));
    view.put(
        "end_user_monthly_budget_usd",
        key.limits()
            .endUserMonthlyBudget()
            .map(m -> BigDecimal.valueOf(m.value(), 6))
            .orElse(null));
    view.put("allowed_models", key.limits().allowedModels().stream().sorted().toList());
    view.put("fallback_models", key.limits().fallbackModels());
    view.put("created_at", Timestamps.iso(key.createdAt()));
    view.put("last_used_at", Timestamps.iso(key.lastUsedAt()));
    return view;
  }
}
