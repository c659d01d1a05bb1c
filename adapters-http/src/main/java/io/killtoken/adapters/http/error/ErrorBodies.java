package io.killtoken.adapters.http.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shapes an {@link HttpError} for the caller's client: RFC 9457 problem+json for the admin API and
 * probes, the OpenAI error body for {@code /v1/*}, the Anthropic one for {@code /v1/messages}.
 */
enum ErrorBodies {
  PROBLEM("application/problem+json") {
    @Override
    Object body(HttpError error, String requestId) {
      Map<String, Object> problem = new LinkedHashMap<>();
      problem.put("type", "https://killtoken.io/problems/" + error.code());
      problem.put("title", error.code().replace('_', ' '));
      problem.put("status", error.status());
      problem.put("detail", error.message());
      problem.put("code", error.code());
      problem.put("request_id", requestId);
      return problem;
    }
  },
  OPENAI("application/json") {
    @Override
    Object body(HttpError error, String requestId) {
      Map<String, Object> inner = new LinkedHashMap<>();
      inner.put("message", error.message());
      inner.put("type", error.type());
      inner.put("param", null);
      inner.put("code", error.code());
      return Map.of("error", inner);
    }
  },
  ANTHROPIC("application/json") {
    @Override
    Object body(HttpError error, String requestId) {
      return Map.of(
          "type",
          "error",
          "error",
          Map.of("type", anthropicType(error), "message", error.message()));
    }

    /**
     * Anthropic's SDKs pick their exception by status; the type names the same class, except for
     * KillToken's own conditions (a missing credential, a store that does not answer), which keep
     * their name so the caller can tell them from the provider's.
     */
    private static String anthropicType(HttpError error) {
      if (error.type().equals("missing_provider_credential")
          || error.type().endsWith("_unavailable")) {
        return error.type();
      }
      return switch (error.status()) {
        case 401 -> "authentication_error";
        case 403 -> "permission_error";
        case 404 -> "not_found_error";
        case 413 -> "request_too_large";
        case 429 -> "rate_limit_error";
        case 529 -> "overloaded_error";
        default -> error.status() >= 500 ? "api_error" : "invalid_request_error";
      };
    }
  };

  private final String contentType;

  ErrorBodies(String contentType) {
    this.contentType = contentType;
  }

  String contentType() {
    return contentType;
  }

  abstract Object body(HttpError error, String requestId);

  /** The body shape a client of this path parses. */
  static ErrorBodies forPath(String path) {
    if (path.equals("/v1/messages") || path.startsWith("/v1/messages/")) {
      return ANTHROPIC;
    }
    return path.startsWith("/v1/") ? OPENAI : PROBLEM;
  }
}
