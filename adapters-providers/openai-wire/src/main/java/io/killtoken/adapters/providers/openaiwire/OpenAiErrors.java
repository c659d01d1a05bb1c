package io.killtoken.adapters.providers.openaiwire;

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

/**
 * The one mapping from OpenAI-format error answers to {@link UpstreamFailure}, for one provider:
 * every message starts with its name, so a client can tell which upstream refused.
 */
final class OpenAiErrors {

  /** OpenAI has no status for an error event inside a 200 stream; 502 says the upstream failed. */
  static final int STREAM_ERROR_STATUS = 502;

  private final String provider;

  /**
   * @param provider the name messages start with, e.g. {@code OpenAI}
   */
  OpenAiErrors(String provider) {
    this.provider = provider;
  }

  /**
   * An HTTP answer that is not a success. {@code body} is OpenAI's {@code
   * {"error":{"message","type","code"}}} when it is one, or the flat {@code {"message": "..."}}
   * some compatible providers (Mistral) send; anything else is not echoed at all, and a 5xx body
   * never is (see {@link ServerErrors}).
   */
  UpstreamFailure fromStatus(
      int status,
      String body,
      Optional<String> retryAfterHeader,
      Optional<String> requestId,
      Instant now,
      PlainSecret key) {
    Duration retryAfter = retryAfterHeader.flatMap(value -> retryAfter(value, now)).orElse(null);
    String message =
        ServerErrors.withholdsBody(status)
            ? ServerErrors.message(provider, status, requestId)
            : provider + ": " + message(body, key).orElse("HTTP " + status + ".");
    if (status == 408 || status == 429 || status >= 500) {
      return new RetriableUpstreamFailure(message, status, retryAfter);
    }
    if (status >= 400) {
      return new NonRetriableUpstreamFailure(message, status, retryAfter);
    }
    // A 3xx: redirects are never followed (a key must not travel to another host). Retriable, so
    // the client sees a 502 for a misbehaving upstream rather than a redirect without a target.
    return new RetriableUpstreamFailure(
        provider + " answered with a redirect (HTTP " + status + "), which is not followed.",
        status,
        null);
  }

  /** An {@code error} event inside an otherwise successful stream. */
  UpstreamFailure fromStreamError(JsonNode event, PlainSecret key) {
    String message = safe(event.path("error").path("message").asText(""), key);
    return new RetriableUpstreamFailure(
        provider + ": " + (message.isBlank() ? "the stream failed." : message),
        STREAM_ERROR_STATUS,
        null);
  }

  /** A success status whose body is not the JSON object the wire format promises. */
  UpstreamFailure malformed(int status) {
    return new RetriableUpstreamFailure(
        provider + ": the answer is not a JSON object.", status, null);
  }

  /** No usable answer at all: connect failure, timeout, a connection dropped mid-way. */
  UpstreamFailure unreachable(String why) {
    return new RetriableUpstreamFailure(provider + ": " + why, 0, null);
  }

  /** No connection was made: the request never left. */
  UpstreamFailure notConnected(String why) {
    return new RetriableUpstreamFailure(provider + ": " + why, UpstreamFailure.NOT_CONNECTED, null);
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
      JsonNode answer = OpenAiWire.MAPPER.readTree(body);
      JsonNode text = answer.path("error").path("message");
      if (!text.isTextual()) {
        text = answer.path("message");
      }
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
