package io.killtoken.adapters.providers.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.killtoken.domain.error.NonRetriableUpstreamFailure;
import io.killtoken.domain.error.RetriableUpstreamFailure;
import io.killtoken.domain.error.UpstreamFailure;
import io.killtoken.domain.secret.PlainSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnthropicErrorsTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final PlainSecret KEY = new PlainSecret("tenant-own-key-0123456789");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void a_client_error_is_final_and_keeps_status_and_message() {
    UpstreamFailure failure =
        map(404, FakeAnthropic.error("not_found_error", "model: claude-9-opus"), null);

    assertInstanceOf(NonRetriableUpstreamFailure.class, failure);
    assertEquals(404, failure.status());
    assertEquals("Anthropic: model: claude-9-opus", failure.getMessage());
  }

  @Test
  void every_other_4xx_is_final_too() {
    for (int status : new int[] {400, 401, 402, 403, 404, 413, 422}) {
      UpstreamFailure failure = map(status, FakeAnthropic.error("x", "no"), null);
      assertInstanceOf(NonRetriableUpstreamFailure.class, failure, "HTTP " + status);
      assertEquals(status, failure.status());
    }
  }

  @Test
  void rate_limits_server_errors_and_overload_are_worth_retrying() {
    for (int status : new int[] {408, 429, 500, 502, 503, 504, 529}) {
      UpstreamFailure failure = map(status, FakeAnthropic.error("api_error", "busy"), null);
      assertInstanceOf(RetriableUpstreamFailure.class, failure, "HTTP " + status);
      assertEquals(status, failure.status());
    }
  }

  @Test
  void retry_after_is_kept_as_seconds_or_as_an_http_date() {
    assertEquals(Optional.of(Duration.ofSeconds(7)), map(429, "{}", "7").retryAfter());
    assertEquals(
        Optional.of(Duration.ofSeconds(90)),
        map(529, "{}", "Sun, 01 Mar 2026 12:01:30 GMT").retryAfter());
    assertEquals(
        Optional.of(Duration.ZERO), map(503, "{}", "Sun, 01 Mar 2026 11:00:00 GMT").retryAfter());
    assertEquals(Optional.empty(), map(429, "{}", "soon").retryAfter());
    assertEquals(Optional.empty(), map(429, "{}", null).retryAfter());
  }

  @Test
  void a_key_in_an_upstream_message_never_comes_back() {
    UpstreamFailure echoed =
        map(
            401,
            FakeAnthropic.error(
                "authentication_error",
                "invalid x-api-key tenant-own-key-0123456789 (also sk-ant-api03-abcdef123456)"),
            null);

    assertEquals(401, echoed.status());
    assertFalse(echoed.getMessage().contains("tenant-own-key"), echoed.getMessage());
    assertFalse(echoed.getMessage().contains("sk-ant-api03"), echoed.getMessage());
    assertTrue(echoed.getMessage().startsWith("Anthropic: invalid x-api-key"));
  }

  @Test
  void a_body_that_is_not_an_anthropic_error_is_not_echoed() {
    UpstreamFailure failure =
        map(502, "<html><body>Bad gateway at edge-17 (x-api-key: x)</body></html>", null);

    assertEquals("Anthropic failed with HTTP 502.", failure.getMessage());
    assertEquals("Anthropic failed with HTTP 500.", map(500, "", null).getMessage());
  }

  @Test
  void a_redirect_is_a_failure_and_names_no_target() {
    UpstreamFailure failure = map(302, "", null);

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(302, failure.status());
  }

  @Test
  void an_error_event_takes_the_status_anthropic_gives_its_type() throws Exception {
    assertEquals(529, event("overloaded_error").status());
    assertInstanceOf(RetriableUpstreamFailure.class, event("overloaded_error"));
    assertEquals(429, event("rate_limit_error").status());
    assertEquals(500, event("api_error").status());
    assertEquals(400, event("invalid_request_error").status());
    assertInstanceOf(NonRetriableUpstreamFailure.class, event("invalid_request_error"));
    assertEquals(413, event("request_too_large").status());
    assertEquals(502, event("something_new_error").status());
    assertInstanceOf(RetriableUpstreamFailure.class, event("something_new_error"));
  }

  @Test
  void failures_with_no_answer_have_no_status_and_are_retriable() {
    UpstreamFailure failure = AnthropicErrors.unreachable("no answer within 300 ms.");

    assertInstanceOf(RetriableUpstreamFailure.class, failure);
    assertEquals(0, failure.status());
    assertEquals("Anthropic: no answer within 300 ms.", failure.getMessage());
  }

  private static UpstreamFailure event(String type) throws Exception {
    return AnthropicErrors.fromStreamError(
        JSON.readTree(FakeAnthropic.error(type, "it failed")), KEY);
  }

  private static UpstreamFailure map(int status, String body, String retryAfter) {
    return AnthropicErrors.fromStatus(
        status, body, Optional.ofNullable(retryAfter), Optional.empty(), NOW, KEY);
  }
}
