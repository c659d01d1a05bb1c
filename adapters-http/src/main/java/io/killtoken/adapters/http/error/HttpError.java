package io.killtoken.adapters.http.error;

import java.time.Duration;

/**
 * An error as the HTTP edge answers it, before it is shaped for the caller (problem+json on {@code
 * /api}, OpenAI or Anthropic bodies on {@code /v1}).
 *
 * @param type the OpenAI-style error type, e.g. {@code invalid_request_error}
 * @param code a stable machine-readable code, e.g. {@code missing_provider_credential}
 * @param retryAfter when to try again, or null
 */
record HttpError(int status, String type, String code, String message, Duration retryAfter) {

  static HttpError of(int status, String type, String code, String message) {
    return new HttpError(status, type, code, message, null);
  }
}
