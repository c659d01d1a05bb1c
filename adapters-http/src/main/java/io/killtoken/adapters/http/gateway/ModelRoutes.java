package io.killtoken.adapters.http.gateway;

import io.javalin.config.JavalinConfig;
import io.killtoken.application.gateway.ListModels;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/models}: the models the calling tenant can use, in OpenAI's list shape. */
public final class ModelRoutes {

  private final ListModels models;

  public ModelRoutes(ListModels models) {
    this.models = models;
  }

  public void register(JavalinConfig config) {
    config.routes.get(
        "/v1/models",
        ctx -> {
          List<Map<String, Object>> data =
              models.list(GatewayAccess.key(ctx).tenantId()).stream()
                  .map(
                      m ->
                          Map.<String, Object>of(
                              "id",
                              m.id(),
                              "object",
                              "model",
                              "created",
                              0,
                              "owned_by",
                              m.provider().value()))
                  .toList();
          ctx.json(Map.of("object", "list", "data", data));
        });
  }
}
