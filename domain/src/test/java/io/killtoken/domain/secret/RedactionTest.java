package io.killtoken.domain.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactionTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "calling with kt_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789ab now",
        "provider key sk-proj-CANARYcanary1234567890",
        "anthropic sk-ant-api03-CANARYcanary1234567890",
        "gemini AIzaSyCANARYcanary1234567890abcdef",
        "stripe sk_live_CANARYcanary1234567890 and whsec_CANARYcanary12345",
        "Authorization: Bearer CANARYcanary.token-value",
        "authorization=CANARYcanary",
        "{\"password\":\"CANARYcanary\"}",
        "x-api-key: CANARYcanary123",
        "login?email=a@b.c&password=CANARYcanary&next=/"
      })
  void secrets_are_masked(String line) {
    String redacted = Redaction.redact(line);

    assertFalse(redacted.contains("CANARY"), redacted);
    assertFalse(redacted.contains("kt_AbCd"), redacted);
    assertTrue(redacted.contains(Redaction.MASK), redacted);
  }

  @Test
  void a_session_cookie_in_a_path_parameter_keeps_its_name_and_loses_its_value() {
    assertEquals(
        "GET /api/v1/auth/me;kt_session=[REDACTED] 404 3ms",
        Redaction.redact("GET /api/v1/auth/me;kt_session=CANARY_sess-ion.Sig_nature 404 3ms"));
    assertEquals(
        "/api/v1/keys;jsessionid=[REDACTED]/x;v=[REDACTED]",
        Redaction.redact("/api/v1/keys;jsessionid=CANARYa/x;v=CANARYb"));
    assertEquals("kt_session=[REDACTED]; Path=/", Redaction.redact("kt_session=CANARY.x; Path=/"));
  }

  @Test
  void ordinary_text_is_left_alone() {
    String line = "GET /readyz 200 in 3 ms for tenant 4f1c; skipped 2 tokens";
    assertEquals(line, Redaction.redact(line));
  }

  @Test
  void the_surrounding_text_survives() {
    assertEquals(
        "{\"password\":\"[REDACTED]\",\"email\":\"a@b.c\"}",
        Redaction.redact("{\"password\":\"hunter2\",\"email\":\"a@b.c\"}"));
  }
}
