package io.killtoken.adapters.providers.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.error.NonRetriableUpstreamFailure;
import io.killtoken.domain.error.RetriableUpstreamFailure;
import io.killtoken.domain.error.UpstreamFailure;
import io.killtoken.domain.secret.PlainSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GeminiErrorsTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final PlainSecret KEY = new PlainSecret("tenant-own-gemini-key-0123456789");

  @Test
  void client_errors_are_final_and_keep_status_and_message() {
    for (int status : new int[] {400, 401, 403, 404}) {
      UpstreamFailure failure =
          map(status, FakeGemini.error(status, "Request contains an invalid argument.", "X"), null);

      assertInstanceOf(NonRetriableUpstreamFailure.class, failure, "HTTP " + status);
      assertEquals(status, failure.status());
      assertEquals("Gemini: Request contains an invalid argument.", failure.getMessage());
    }
  }

  @Test
  void rate_limits_timeouts_and_server_errors_are_worth_retrying() {
    for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
      UpstreamFailure failure = map(status, FakeGemini.error(status, "busy", "UNAVAILABLE"), null);

      assertInstanceOf(RetriableUpstreamFailure.class, failure, "HTTP " + status);
      assertEquals(status, failure.status());
    }
  }

  @Test
  void retry_after_is_kept_as_seconds_or_as_an_http_date() {
    assertEquals(Optional.of(Duration.ofSeconds(7)), map(429, "{}", "7").retryAfter());
    assertEquals(
        Optional.of(Duration.ofSeconds(90)),
        map(503, "{}", "Sun, 01 Mar 2026 12:01:30 GMT").retryAfter());
    assertEquals(
        Optional.of(Duration.ZERO), map(503, "{}", "Sun, 01 Mar 2026 11:00:00 GMT").retryAfter());
    assertEquals(Optional.empty(), map(429, "{}", "soon").retryAfter());
  }

  @Test
  void without_a_header_the_retry_delay_of_googles_retry_info_is_kept() {
    String body =
        """
        {"error":{"code":429,"message":"You exceeded your current quota.",\
        "status":"RESOURCE_EXHAUSTED","details":[\
        {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[]},\
        {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"34.5s"}]}}""";

    assertEquals(Optional.of(Duration.ofMillis(34_500)), map(429, body, null).retryAfter());
    assertEquals(Optional.of(Duration.ofSeconds(3)), map(429, body, "3").retryAfter());
  }

  @Test
  void a_key_in_an_upstream_message_never_comes_back() {
    UpstreamFailure echoed =
        map(
            400,
            FakeGemini.error(
                400,
                "Bad key tenant-own-gemini-key-0123456789 (also AIzaSyA1b2C3d4E5f6G7h8)",
                "INVALID_ARGUMENT"),
            null);

    assertEquals(400, echoed.status());
    assertFalse(echoed.getMessage().contains("tenant-own-gemini-key"), echoed.getMessage());
    assertFalse(echoed.getMessage().contains("AIzaSyA1b2"), echoed.getMessage());
    assertTrue(echoed.getMessage().startsWith("Gemini: Bad key "));
  }

  @Test
  void a_body_that_is_not_a_google_error_is_not_echoed() {
    UpstreamFailure failure =
        map(502, "<html><body>Bad gateway at edge-17 (x-goog-api-key: x)</body></html>", null);

    assertEquals("Gemini failed with HTTP 502.", failure.getMessage());
  }

  @Test
  void a_redirect_is_a_failure_and_names_no_target() {
    UpstreamFailure failure = map(302, "", null);

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(302, failure.status());
  }

  private static UpstreamFailure map(int status, String body, String retryAfter) {
    return GeminiErrors.fromStatus(
        status, body, Optional.ofNullable(retryAfter), Optional.empty(), NOW, KEY);
  }
}
