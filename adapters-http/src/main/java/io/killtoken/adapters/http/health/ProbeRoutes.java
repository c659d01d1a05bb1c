package io.killtoken.adapters.http.health;

import io.javalin.config.JavalinConfig;
import io.killtoken.application.health.CheckReadiness;
import io.killtoken.application.health.Readiness;
import java.util.Map;

/**
 * {@code GET /healthz}: the process answers (touches no dependency). {@code GET /readyz}: each
 * dependency as a boolean, 503 when not ready — never a URI, host or error text.
 */
public final class ProbeRoutes {

  private final CheckReadiness readiness;

  public ProbeRoutes(CheckReadiness readiness) {
    this.readiness = readiness;
  }

  public void register(JavalinConfig config) {
    config.routes.get("/healthz", ctx -> ctx.json(Map.of("alive", true)));
    config.routes.get(
        "/readyz",
        ctx -> {
          Readiness answer = readiness.check();
          ctx.status(answer.ready() ? 200 : 503)
              .json(Map.of("ready", answer.ready(), "checks", answer.checks()));
        });
  }
}
