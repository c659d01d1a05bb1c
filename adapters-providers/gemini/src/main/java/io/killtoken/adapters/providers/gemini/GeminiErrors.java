package io.killtoken.adapters.providers.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.killtoken.adapters.providers.openaiwire.ServerErrors;
import io.killtoken.domain.error.NonRetriableUpstreamFailure;
import io.killtoken.domain.error.RetriableUpstreamFailure;
import io.killtoken.domain.error.UpstreamFailure;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.secret.Redaction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one mapping from Gemini's error answers to {@link UpstreamFailure}. */
final class GeminiErrors {

  /** Gemini has no status for an error event inside a 200 stream; 502 says the upstream failed. */
  static final int STREAM_ERROR_STATUS = 502;

  /** A blocked prompt is the request's fault, as a 400 from Gemini itself would be. */
  static final int BLOCKED_STATUS = 400;

  private static final Pattern RETRY_DELAY = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,9})?)s");

  private GeminiErrors() {}

  /**
   * An HTTP answer that is not a success. {@code body} is Google's {@code
   * {"error":{"code","message","status","details"}}} when it is one; anything else is not echoed.
   */
  static UpstreamFailure fromStatus(
      int status,
      String body,
      Optional<String> retryAfterHeader,
      Optional<String> requestId,
      Instant now,
      PlainSecret key) {
    JsonNode error = error(body);
    Duration retryAfter =
        retryAfterHeader
            .flatMap(value -> retryAfter(value, now))
            .or(() -> retryInfo(error))
            .orElse(null);
    String message =
        ServerErrors.withholdsBody(status)
            ? ServerErrors.message("Gemini", status, requestId)
            : "Gemini: " + message(error, key).orElse("HTTP " + status + ".");
    if (status == 408 || status == 429 || status >= 500) {
      return new RetriableUpstreamFailure(message, status, retryAfter);
    }
    if (status >= 400) {
      return new NonRetriableUpstreamFailure(message, status, retryAfter);
    }
    // A 3xx: redirects are never followed (a key must not travel to another host). Retriable, so
    // the client sees a 502 for a misbehaving upstream rather than a redirect without a target.
    return new RetriableUpstreamFailure(
        "Gemini answered with a redirect (HTTP " + status + "), which is not followed.",
        status,
        null);
  }

  /** An {@code error} event inside an otherwise successful stream. */
  static UpstreamFailure fromStreamError(JsonNode event, PlainSecret key) {
    return new RetriableUpstreamFailure(
        "Gemini: " + message(event.path("error"), key).orElse("the stream failed."),
        STREAM_ERROR_STATUS,
        null);
  }

  /**
   * Gemini answers 200 with no candidate when it blocks the prompt itself ({@code
   * promptFeedback.blockReason}); that is final and the client must hear why.
   */
  static void throwIfNoCandidates(JsonNode response) {
    if (!response.path("candidates").isEmpty()) {
      return;
    }
    JsonNode reason = response.path("promptFeedback").path("blockReason");
    if (reason.isTextual()) {
      throw new NonRetriableUpstreamFailure(
          "Gemini blocked the prompt (" + reason.asText() + ") and gave no answer.",
          BLOCKED_STATUS,
          null);
    }
    throw new RetriableUpstreamFailure("Gemini: the answer holds no candidate.", 502, null);
  }

  /** No usable answer at all: connect failure, timeout, a connection dropped mid-way. */
  static UpstreamFailure unreachable(String why) {
    return new RetriableUpstreamFailure("Gemini: " + why, 0, null);
  }

  /** No connection was made: the request never left. */
  static UpstreamFailure notConnected(String why) {
    return new RetriableUpstreamFailure("Gemini: " + why, UpstreamFailure.NOT_CONNECTED, null);
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

  // Gemini's 429s usually carry no Retry-After header but a google.rpc.RetryInfo detail such as
  // {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "34s"}.
  private static Optional<Duration> retryInfo(JsonNode error) {
    for (JsonNode detail : error.path("details")) {
      if (detail.path("@type").asText("").endsWith("google.rpc.RetryInfo")) {
        Matcher delay = RETRY_DELAY.matcher(detail.path("retryDelay").asText(""));
        if (delay.matches()) {
          BigDecimal seconds = new BigDecimal(delay.group(1));
          return Optional.of(Duration.ofMillis(seconds.movePointRight(3).longValue()));
        }
      }
    }
    return Optional.empty();
  }

  private static JsonNode error(String body) {
    try {
      return GeminiWire.MAPPER.readTree(body).path("error");
    } catch (JsonProcessingException | RuntimeException notJson) {
      // An HTML error page from a proxy or load balancer: nothing in it is worth echoing.
      return GeminiWire.MAPPER.missingNode();
    }
  }

  private static Optional<String> message(JsonNode error, PlainSecret key) {
    JsonNode text = error.path("message");
    return text.isTextual() && !text.asText().isBlank()
        ? Optional.of(safe(text.asText(), key))
        : Optional.empty();
  }

  // A proxy may echo the x-goog-api-key header; the redaction policy catches AIza… keys and
  // header echoes, the literal key whatever shape it has.
  private static String safe(String message, PlainSecret key) {
    String out = message;
    if (key.value().length() >= 8) {
      out = out.replace(key.value(), Redaction.MASK);
    }
    out = Redaction.redact(out);
    return out.length() > 1000 ? out.substring(0, 1000) + "…" : out;
  }
}
