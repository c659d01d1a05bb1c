package io.killtoken.adapters.http.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.killtoken.adapters.http.server.RequestIds;
import io.killtoken.domain.error.KillTokenException;
import io.killtoken.domain.secret.Redaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the error handlers: domain errors through {@link ErrorMapping}, framework errors by
 * status (a 405 with {@code Allow}), errors the web server raises before any route runs in the same
 * shapes, anything else as a bare 500. No stack trace, exception text or secret reaches a client.
 */
public final class ErrorResponses {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private final ObjectMapper json;

  public ErrorResponses(ObjectMapper json) {
    this.json = json;
  }

  public void register(JavalinConfig config) {
    config.routes.exception(KillTokenException.class, (e, ctx) -> write(ctx, ErrorMapping.of(e)));
    config.routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          if (e.getStatus() == 405) {
            // Javalin puts the methods the path serves in the details (under a key that depends
            // on whether the client accepts HTML).
            e.getDetails().values().stream()
                .findFirst()
                .ifPresent(allow -> ctx.header("Allow", allow));
          }
          write(ctx, byStatus(e.getStatus()));
        });
    config.jetty.modifyServer(server -> server.setErrorHandler(new WebServerErrors(json)));
    config.routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
          write(ctx, HttpError.of(500, "api_error", "internal_error", "Internal error."));
        });
    config.routes.error(
        404,
        ctx -> {
          if (ctx.result() == null || ctx.result().isEmpty()) {
            write(ctx, HttpError.of(404, "not_found_error", "not_found", "Not found."));
          }
        });
  }

  /** The general error for a status the framework or the web server answered by itself. */
  static HttpError byStatus(int status) {
    return switch (status) {
      case 400 ->
          HttpError.of(400, "invalid_request_error", "invalid_request", "The request is invalid.");
      case 401 ->
          HttpError.of(401, "authentication_error", "unauthenticated", "Authentication required.");
      case 404 -> HttpError.of(404, "not_found_error", "not_found", "Not found.");
      case 405 ->
          HttpError.of(
              405, "invalid_request_error", "method_not_allowed", "Method not allowed here.");
      case 413 ->
          HttpError.of(
              413, "invalid_request_error", "payload_too_large", "The request body is too large.");
      default ->
          HttpError.of(
              status,
              status >= 500 ? "api_error" : "invalid_request_error",
              "http_" + status,
              "The request could not be served.");
    };
  }

  private void write(Context ctx, HttpError error) {
    ErrorBodies shape = ErrorBodies.forPath(ctx.path());
    HttpError safe =
        new HttpError(
            error.status(),
            error.type(),
            error.code(),
            Redaction.redact(error.message()),
            error.retryAfter());
    if (safe.retryAfter() != null) {
      long seconds = Math.max(1, (safe.retryAfter().toMillis() + 999) / 1000);
      ctx.header("Retry-After", Long.toString(seconds));
    }
    try {
      ctx.status(safe.status())
          .contentType(shape.contentType())
          .result(json.writeValueAsString(shape.body(safe, RequestIds.of(ctx))));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("error bodies are plain maps", e);
    }
  }
}
