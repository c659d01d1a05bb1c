package io.killtoken.adapters.http.credential;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.killtoken.adapters.http.access.AdminAccess;
import io.killtoken.adapters.http.json.JsonBody;
import io.killtoken.adapters.http.json.Paging;
import io.killtoken.adapters.http.json.Timestamps;
import io.killtoken.application.credential.ManageCredentials;
import io.killtoken.application.credential.StoreCredential;
import io.killtoken.application.credential.StoreCredentialCommand;
import io.killtoken.application.credential.StoredCredential;
import io.killtoken.domain.credential.Credential;
import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.error.NotFound;
import io.killtoken.domain.tenant.TenantId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/credentials}: the tenant's own provider keys (BYOK). Create and rotate answer the
 * plaintext once with {@code Cache-Control: no-store}; everything else shows only the preview. A
 * {@code base_url} is accepted on create only, as far as the operator allows; it is not secret and
 * every view shows it.
 */
public final class CredentialRoutes {

  private final StoreCredential store;
  private final ManageCredentials manage;

  public CredentialRoutes(StoreCredential store, ManageCredentials manage) {
    this.store = store;
    this.manage = manage;
  }

  public void register(JavalinConfig config) {
    config.routes.post("/api/v1/credentials", this::create);
    config.routes.get("/api/v1/credentials", this::list);
    config.routes.get("/api/v1/credentials/{id}", this::show);
    config.routes.post("/api/v1/credentials/{id}/rotate", this::rotate);
    config.routes.delete("/api/v1/credentials/{id}", this::delete);
  }

  private void create(Context ctx) {
    JsonBody body = JsonBody.read(ctx, Set.of("provider", "secret", "label", "base_url"));
    StoredCredential stored =
        store.store(
            new StoreCredentialCommand(
                tenant(ctx),
                body.requiredText("provider"),
                body.requiredText("secret"),
                body.text("label").orElse(null),
                body.text("base_url").orElse(null)));
    ctx.status(201);
    reveal(ctx, stored);
  }

  private void rotate(Context ctx) {
    TenantId tenant = tenant(ctx);
    CredentialId id = id(ctx);
    JsonBody body = JsonBody.read(ctx, Set.of("secret"));
    reveal(ctx, store.rotate(tenant, id, body.requiredText("secret")));
  }

  private void list(Context ctx) {
    ctx.json(Paging.body(manage.list(tenant(ctx), Paging.request(ctx)), CredentialRoutes::view));
  }

  private void show(Context ctx) {
    ctx.json(view(manage.show(tenant(ctx), id(ctx))));
  }

  private void delete(Context ctx) {
    manage.delete(tenant(ctx), id(ctx));
    ctx.status(204);
  }

  private static void reveal(Context ctx, StoredCredential stored) {
    Map<String, Object> view = view(stored.credential());
    view.put("secret", stored.plaintext().value());
    ctx.header("Cache-Control", "no-store").json(view);
  }

  private static TenantId tenant(Context ctx) {
    return AdminAccess.caller(ctx).tenant();
  }

  private static CredentialId id(Context ctx) {
    try {
      return new CredentialId(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw new NotFound("No credential with this id.");
    }
  }

  private static Map<String, Object> view(Credential credential) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", credential.id().value());
    view.put("provider", credential.provider().value());
    view.put("label", credential.label());
    view.put("preview", credential.preview());
    view.put("base_url", credential.baseUrl().map(Object::toString).orElse(null));
    view.put("created_at", Timestamps.iso(credential.createdAt()));
    view.put("rotated_at", Timestamps.iso(credential.rotatedAt()));
    return view;
  }
}
