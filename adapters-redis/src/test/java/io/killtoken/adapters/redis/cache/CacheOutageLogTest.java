package io.killtoken.adapters.redis.cache;

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

class CacheOutageLogTest {

  private final Queue<SubstituteLoggingEvent> events = new ArrayDeque<>();
  private final CacheOutageLog outages =
      new CacheOutageLog(
          new EventRecordingLogger(new SubstituteLogger("test", events, false), events));

  @Test
  void an_outage_is_warned_about_once_per_interval_not_once_per_request() {
    for (int i = 0; i < 1_000; i++) {
      outages.failed("read", new JedisConnectionException("Failed to connect to 10.0.0.7:6379"));
    }

    assertEquals(1, events.size());
    assertEquals(Level.WARN, events.remove().getLevel());
  }

  @Test
  void the_warning_names_the_call_and_the_error_class_but_never_its_message() {
    outages.failed("write", new JedisConnectionException("Failed to connect to 10.0.0.7:6379"));

    String arguments = Arrays.toString(events.remove().getArgumentArray());
    assertTrue(arguments.contains("write"), arguments);
    assertTrue(arguments.contains(JedisConnectionException.class.getName()), arguments);
    assertFalse(arguments.contains("10.0.0.7"), arguments);
  }
}
