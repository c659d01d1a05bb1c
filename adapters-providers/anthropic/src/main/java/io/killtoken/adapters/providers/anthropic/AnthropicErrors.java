package io.killtoken.adapters.providers.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.killtoken.adapters.providers.openaiwire.ServerErrors;
import io.killtoken.domain.error.NonRetriableUpstreamFailure;
import io.killtoken.domain.error.RetriableUpstreamFailure;
import io.killtoken.domain.error.UpstreamFailure;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.secret.Redaction;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The one mapping from Anthropic's error answers and error events to {@link UpstreamFailure}. */
final class AnthropicErrors {

  /** Anthropic's own status for "overloaded": busy, not broken, worth trying again. */
  static final int OVERLOADED = 529;

  /** The status for an error event of a type this mapping does not know. */
  static final int STREAM_ERROR_STATUS = 502;

  private AnthropicErrors() {}

  /**
   * An HTTP answer that is not a success. {@code body} is Anthropic's {@code
   * {"type":"error","error":{"type","message"}}} when it is one; anything else is not echoed.
   */
  static UpstreamFailure fromStatus(
      int status,
      String body,
      Optional<String> retryAfterHeader,
      Optional<String> requestId,
      Instant now,
      PlainSecret key) {
    Duration retryAfter = retryAfterHeader.flatMap(value -> retryAfter(value, now)).orElse(null);
    String message =
        ServerErrors.withholdsBody(status)
            ? ServerErrors.message("Anthropic", status, requestId)
            : "Anthropic: " + message(parse(body), key).orElse("HTTP " + status + ".");
    if (status >= 300 && status < 400) {
      // Redirects are never followed (a key must not travel to another host). Retriable, so the
      // client sees a 502 for a misbehaving upstream rather than a redirect without a target.
      return new RetriableUpstreamFailure(
          "Anthropic answered with a redirect (HTTP " + status + "), which is not followed.",
          status,
          null);
    }
    return failure(status, message, retryAfter);
  }

  /**
   * An {@code error} event inside a 200 stream. The event has no status of its own; the one
   * Anthropic gives the same error type as an HTTP answer is used, so it is classified alike.
   */
  static UpstreamFailure fromStreamError(JsonNode event, PlainSecret key) {
    int status = statusOf(event.path("error").path("type").asText(""));
    String message = "Anthropic: " + message(event, key).orElse("the stream failed.");
    return failure(status, message, null);
  }

  /** No usable answer at all: connect failure, timeout, a connection dropped mid-way. */
  static UpstreamFailure unreachable(String why) {
    return new RetriableUpstreamFailure("Anthropic: " + why, 0, null);
  }

  /** No connection was made: the request never left. */
  static UpstreamFailure notConnected(String why) {
    return new RetriableUpstreamFailure("Anthropic: " + why, UpstreamFailure.NOT_CONNECTED, null);
  }

  /** Retry-After is either delay-seconds or an HTTP date (RFC 9110, section 10.2.3). */
  static Optional<Duration> retryAfter(String value, Instant now) {
    String v = value.strip();
    if (v.matches("\\d{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException notADate) {
      return Optional.empty();
    }
  }

  // 408, 429, 5xx and 529 (overloaded) may pass on a second try; any other 4xx is the request's
  // own fault and stays one.
  private static UpstreamFailure failure(int status, String message, Duration retryAfter) {
    if (status == 408 || status == 429 || status >= 500) {
      return new RetriableUpstreamFailure(message, status, retryAfter);
    }
    return new NonRetriableUpstreamFailure(message, status, retryAfter);
  }

  /** The HTTP status Anthropic documents for each error type. */
  static int statusOf(String errorType) {
    return switch (errorType) {
      case "invalid_request_error" -> 400;
      case "authentication_error" -> 401;
      case "billing_error" -> 402;
      case "permission_error" -> 403;
      case "not_found_error" -> 404;
      case "request_too_large" -> 413;
      case "rate_limit_error" -> 429;
      case "api_error" -> 500;
      case "timeout_error" -> 504;
      case "overloaded_error" -> OVERLOADED;
      default -> STREAM_ERROR_STATUS;
    };
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode parsed = AnthropicWire.MAPPER.readTree(body);
      return parsed == null ? AnthropicWire.MAPPER.missingNode() : parsed;
    } catch (JsonProcessingException | RuntimeException notJson) {
      // An HTML error page from a proxy or load balancer: nothing in it is worth echoing.
      return AnthropicWire.MAPPER.missingNode();
    }
  }

  private static Optional<String> message(JsonNode body, PlainSecret key) {
    JsonNode text = body.path("error").path("message");
    return text.isTextual() && !text.asText().isBlank()
        ? Optional.of(safe(text.asText(), key))
        : Optional.empty();
  }

  // Anthropic may quote part of a bad key and a proxy may echo the whole header; the redaction
  // policy catches known key shapes (sk-ant-…), the literal key the rest.
  private static String safe(String message, PlainSecret key) {
    String out = message;
    if (key.value().length() >= 8) {
      out = out.replace(key.value(), Redaction.MASK);
    }
    out = Redaction.redact(out);
    return out.length() > 1000 ? out.substring(0, 1000) + "…" : out;
  }
}
