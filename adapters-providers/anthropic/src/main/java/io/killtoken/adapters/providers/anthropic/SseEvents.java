package io.killtoken.adapters.providers.anthropic;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Reads server-sent events from a response body one at a time, as their lines arrive: the event
 * name and its data (several data lines joined by newlines, as the SSE spec says).
 */
final class SseEvents {

  /** One event; {@code name} is {@code message} when the server sent no {@code event:} line. */
  record Event(String name, String data) {}

  private final BufferedReader lines;

  SseEvents(BufferedReader lines) {
    this.lines = lines;
  }

  /**
   * The next event, or null at the end of the body.
   *
   * @throws IOException when the body breaks off (including the idle guard closing it)
   */
  Event next() throws IOException {
    String name = null;
    StringBuilder data = null;
    String line;
    while ((line = lines.readLine()) != null) {
      if (line.isEmpty()) {
        if (data != null) {
          return new Event(name == null ? "message" : name, data.toString());
        }
        name = null;
        continue;
      }
      if (line.startsWith(":")) {
        continue; // a comment, used as a keep-alive
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "event" -> name = value;
        case "data" ->
            data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        default -> {
          // id and retry matter to browsers reconnecting, not to a relay.
        }
      }
    }
    // The SSE spec drops an event the body ended in the middle of: its data may be cut short.
    return null;
  }
}
