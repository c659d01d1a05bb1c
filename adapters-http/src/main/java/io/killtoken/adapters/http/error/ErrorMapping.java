package io.killtoken.adapters.http.error;

import io.killtoken.domain.error.Conflict;
import io.killtoken.domain.error.CredentialUnreadable;
import io.killtoken.domain.error.DependencyUnavailable;
import io.killtoken.domain.error.InvalidApiKey;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.KillTokenException;
import io.killtoken.domain.error.LimitExceeded;
import io.killtoken.domain.error.MissingProviderCredential;
import io.killtoken.domain.error.NonRetriableUpstreamFailure;
import io.killtoken.domain.error.NotFound;
import io.killtoken.domain.error.Overloaded;
import io.killtoken.domain.error.PayloadTooLarge;
import io.killtoken.domain.error.PermissionDenied;
import io.killtoken.domain.error.RetriableUpstreamFailure;
import io.killtoken.domain.error.SecretUnavailable;
import io.killtoken.domain.error.Unauthenticated;
import io.killtoken.domain.error.UpstreamFailure;

/**
 * The one place a domain error becomes an HTTP status and code. The switch is exhaustive over the
 * sealed family, so a new error without a mapping does not compile.
 */
final class ErrorMapping {

  private ErrorMapping() {}

  static HttpError of(KillTokenException error) {
    String message = error.getMessage();
    return switch (error) {
      case InvalidApiKey e -> HttpError.of(401, "authentication_error", "invalid_api_key", message);
      case Unauthenticated e ->
          HttpError.of(401, "authentication_error", "unauthenticated", message);
      case Conflict e -> HttpError.of(409, "invalid_request_error", e.code(), message);
      case PermissionDenied e ->
          HttpError.of(403, "permission_error", "permission_denied", message);
      case MissingProviderCredential e ->
          HttpError.of(400, "missing_provider_credential", "missing_provider_credential", message);
      case CredentialUnreadable e ->
          HttpError.of(400, "credential_unreadable", "credential_unreadable", message);
      case NotFound e -> HttpError.of(404, "not_found_error", "not_found", message);
      case InvalidRequest e ->
          HttpError.of(400, "invalid_request_error", "invalid_request", message);
      case PayloadTooLarge e ->
          HttpError.of(413, "invalid_request_error", "payload_too_large", message);
      case LimitExceeded e ->
          new HttpError(429, "rate_limit_error", e.code(), message, e.retryAfter());
      case Overloaded e -> new HttpError(503, "api_error", e.code(), message, e.retryAfter());
      case SecretUnavailable e -> HttpError.of(500, "api_error", "secret_unavailable", message);
      case DependencyUnavailable e ->
          new HttpError(503, e.code(), e.code(), message, e.retryAfter());
      case RetriableUpstreamFailure e -> retriable(e);
      case NonRetriableUpstreamFailure e ->
          new HttpError(e.status(), "upstream_error", "upstream_error", message, null);
    };
  }

  private static HttpError retriable(UpstreamFailure failure) {
    int status = failure.status();
    if (status == UpstreamFailure.NOT_CONNECTED) {
      return HttpError.of(502, "upstream_error", "upstream_unreachable", failure.getMessage());
    }
    if (status == 0) {
      return HttpError.of(504, "timeout_error", "upstream_timeout", failure.getMessage());
    }
    if (status == 429) {
      return new HttpError(
          429,
          "rate_limit_error",
          "upstream_rate_limited",
          failure.getMessage(),
          failure.retryAfter().orElse(null));
    }
    return HttpError.of(502, "upstream_error", "upstream_unavailable", failure.getMessage());
  }
}
