package io.killtoken.bootstrap.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class RedactingJsonEncoderTest {

  private static final List<String> CANARIES =
      List.of(
          "kt_CANARY0canary1CANARY2canary3CANARY4ab",
          "sk-proj-CANARYcanaryCANARY1234",
          "sk-ant-api03-CANARYcanaryCANARY",
          "AIzaCANARYcanaryCANARYcanary123",
          "CANARY-password-hunter2");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private Logger logger;

  @BeforeEach
  void setUp() {
    LoggerContext context = new LoggerContext();
    // Share the MDC that slf4j's MDC class writes to, as the application's context does.
    context.setMDCAdapter(MDC.getMDCAdapter());
    RedactingJsonEncoder encoder = new RedactingJsonEncoder();
    encoder.setContext(context);
    encoder.start();
    OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
        new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    logger = context.getLogger("test");
    logger.addAppender(appender);
  }

  private List<JsonNode> lines() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> nodes = new java.util.ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      nodes.add(json.readTree(line));
    }
    return nodes;
  }

  @Test
  void canary_secrets_logged_every_way_never_reach_the_output() throws Exception {
    MDC.put("request_id", "req-12345678");
    try {
      logger.info("key {} provider {}", CANARIES.get(0), CANARIES.get(1));
      logger.info("Authorization: Bearer " + CANARIES.get(2));
      logger.info("headers {x-api-key: " + CANARIES.get(0) + "}");
      logger.info("{\"email\":\"a@b.c\",\"password\":\"" + CANARIES.get(4) + "\"}");
      logger.warn("gemini url ?key=" + CANARIES.get(3));
      logger.error("upstream failed", new IllegalStateException("bad key " + CANARIES.get(1)));
    } finally {
      MDC.clear();
    }

    String output = out.toString(StandardCharsets.UTF_8);
    for (String canary : CANARIES) {
      assertFalse(output.contains(canary), "leaked " + canary + " in " + output);
    }
    assertFalse(output.contains("CANARY"), output);
    assertEquals(6, lines().size());
  }

  @Test
  void each_line_is_a_json_object_with_the_request_id() throws Exception {
    MDC.put("request_id", "req-12345678");
    try {
      logger.info("served \"quoted\"\nmultiline");
    } finally {
      MDC.clear();
    }

    JsonNode line = lines().get(0);
    assertEquals("INFO", line.get("level").asText());
    assertEquals("req-12345678", line.get("request_id").asText());
    assertEquals("served \"quoted\"\nmultiline", line.get("msg").asText());
    assertTrue(line.get("ts").asText().endsWith("Z"));
  }

  @Test
  void an_error_keeps_its_stack_trace_minus_the_secrets() throws Exception {
    logger.error("boom", new IllegalArgumentException("token=" + CANARIES.get(0)));

    String error = lines().get(0).get("error").asText();
    assertTrue(error.contains("IllegalArgumentException"));
    assertTrue(error.contains("RedactingJsonEncoderTest"));
    assertFalse(error.contains("CANARY"));
  }
}
