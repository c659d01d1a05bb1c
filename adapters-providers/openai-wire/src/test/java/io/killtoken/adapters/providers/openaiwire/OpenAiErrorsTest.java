package io.killtoken.adapters.providers.openaiwire;

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

class OpenAiErrorsTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final PlainSecret KEY = new PlainSecret("tenant-own-key-0123456789");

  @Test
  void a_client_error_is_final_and_keeps_status_and_message() {
    UpstreamFailure failure =
        map(
            404,
            FakeOpenAi.error(
                "The model `gpt-9` does not exist", "invalid_request_error", "model_not_found"),
            null);

    assertInstanceOf(NonRetriableUpstreamFailure.class, failure);
    assertEquals(404, failure.status());
    assertEquals("OpenAI: The model `gpt-9` does not exist", failure.getMessage());
  }

  @Test
  void rate_limits_timeouts_and_server_errors_are_worth_retrying() {
    for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
      UpstreamFailure failure = map(status, FakeOpenAi.error("busy", "server_error", null), null);
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
  void a_key_in_an_upstream_message_never_comes_back() {
    UpstreamFailure echoed =
        map(
            401,
            FakeOpenAi.error(
                "Incorrect API key provided: tenant-own-key-0123456789 (also sk-abcdef123456)",
                "invalid_request_error",
                "invalid_api_key"),
            null);

    assertEquals(401, echoed.status());
    assertFalse(echoed.getMessage().contains("tenant-own-key"), echoed.getMessage());
    assertFalse(echoed.getMessage().contains("sk-abcdef"), echoed.getMessage());
    assertTrue(echoed.getMessage().startsWith("OpenAI: Incorrect API key provided: "));
  }

  @Test
  void a_body_that_is_not_an_openai_error_is_not_echoed() {
    UpstreamFailure failure =
        map(502, "<html><body>Bad gateway at edge-17 (Authorization: x)</body></html>", null);

    assertEquals("OpenAI failed with HTTP 502.", failure.getMessage());
  }

  @Test
  void a_redirect_is_a_failure_and_names_no_target() {
    UpstreamFailure failure = map(302, "", null);

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(302, failure.status());
  }

  private static UpstreamFailure map(int status, String body, String retryAfter) {
    return new OpenAiErrors("OpenAI")
        .fromStatus(status, body, Optional.ofNullable(retryAfter), Optional.empty(), NOW, KEY);
  }
}
