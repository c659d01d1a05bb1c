package io.killtoken.domain.apikey;

import java.util.Objects;

/**
 * A full API key in clear text. It exists only between generation and the one response that shows
 * it, or between an incoming request and its hash; {@link #toString()} never reveals it.
 */
public record PlainApiKey(String value) {

  public PlainApiKey {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return "PlainApiKey[redacted]";
  }
}
