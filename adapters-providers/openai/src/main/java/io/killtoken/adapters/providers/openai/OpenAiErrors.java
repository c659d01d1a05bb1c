package io.killtoken.adapters.providers.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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

/** The one mapping from OpenAI's error answers to {@link UpstreamFailure}. */
final class OpenAiErrors {

  /** OpenAI has no status for an error event inside a 200 stream; 502 says the upstream failed. */
  static final int STREAM_ERROR_STATUS = 502;

  private OpenAiErrors() {}

  /**
   * An HTTP answer that is not a success. {@code body} is OpenAI's {@code
   * {"error":{"message","type","code"}}} when it is one; anything else is not echoed at all.
   */
  static UpstreamFailure fromStatus(
      int status, String body, Optional<String> retryAfterHeader, Instant now, PlainSecret key) {
    Duration retryAfter = retryAfterHeader.flatMap(value -> retryAfter(value, now)).orElse(null);
    String message = "OpenAI: " + message(body, key).orElse("HTTP " + status + ".");
    if (status == 408 || status == 429 || status >= 500) {
      return new RetriableUpstreamFailure(message, status, retryAfter);
    }
    if (status >= 400) {
      return new NonRetriableUpstreamFailure(message, status, retryAfter);
    }
    // A 3xx: redirects are never followed (a key must not travel to another host). Retriable, so
    // the client sees a 502 for a misbehaving upstream rather than a redirect without a target.
    return new RetriableUpstreamFailure(
        "OpenAI answered with a redirect (HTTP " + status + "), which is not followed.",
        status,
        null);
  }

  /** An {@code error} event inside an otherwise successful stream. */
  static UpstreamFailure fromStreamError(JsonNode event, PlainSecret key) {
    String message = safe(event.path("error").path("message").asText(""), key);
    return new RetriableUpstreamFailure(
        "OpenAI: " + (message.isBlank() ? "the stream failed." : message),
        STREAM_ERROR_STATUS,
        null);
  }

  /** No usable answer at all: connect failure, timeout, a connection dropped mid-way. */
  static UpstreamFailure unreachable(String why) {
    return new RetriableUpstreamFailure("OpenAI: " + why, 0, null);
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

  private static Optional<String> message(String body, PlainSecret key) {
    try {
      JsonNode text = OpenAiWire.MAPPER.readTree(body).path("error").path("message");
      return text.isTextual() && !text.asText().isBlank()
          ? Optional.of(safe(text.asText(), key))
          : Optional.empty();
    } catch (JsonProcessingException | RuntimeException notJson) {
      // An HTML error page from a proxy or load balancer: nothing in it is worth echoing.
      return Optional.empty();
    }
  }

  // OpenAI echoes part of a bad key ("Incorrect API key provided: sk-...") and a proxy may echo
  // the whole header; the redaction policy catches known key shapes, the literal key the rest.
  private static String safe(String message, PlainSecret key) {
    String out = message;
    if (key.value().length() >= 8) {
      out = out.replace(key.value(), Redaction.MASK);
    }
    out = Redaction.redact(out);
    return out.length() > 1000 ? out.substring(0, 1000) + "…" : out;
  }
}
