package io.killtoken.adapters.redis.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.SubstituteLogger;
import redis.clients.jedis.exceptions.JedisConnectionException;

class OutageLogTest {

  private final Queue<SubstituteLoggingEvent> events = new ArrayDeque<>();
  private final OutageLog outages =
      new OutageLog(
          new EventRecordingLogger(new SubstituteLogger("test", events, false), events),
          "spend budgets");

  @Test
  void an_outage_is_warned_about_once_per_interval_not_once_per_request() {
    for (int i = 0; i < 1_000; i++) {
      outages.failed(new JedisConnectionException("Failed to connect to 10.0.0.7:6379"));
    }

    assertEquals(1, events.size());
    SubstituteLoggingEvent warning = events.remove();
    assertEquals(Level.WARN, warning.getLevel());
    assertTrue(warning.getMessage().contains("{}"), "the message is a template");
  }

  @Test
  void the_warning_names_the_error_class_but_never_its_message() {
    outages.failed(new JedisConnectionException("Failed to connect to 10.0.0.7:6379"));

    SubstituteLoggingEvent warning = events.remove();
    String arguments = Arrays.toString(warning.getArgumentArray());
    assertTrue(arguments.contains(JedisConnectionException.class.getName()), arguments);
    assertFalse(arguments.contains("10.0.0.7"), arguments);
  }
}
