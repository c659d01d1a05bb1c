package io.killtoken.domain.secret;

import java.util.Objects;

/** A secret in clear text (a provider key, a password); {@link #toString()} never shows it. */
public record PlainSecret(String value) {

  public PlainSecret {
    Objects.requireNonNull(value, "value");
  }

  /** A non-sensitive preview: the first three and last four characters, e.g. {@code sk-…a1b2}. */
  public String preview() {
    if (value.length() < 12) {
      return "…";
    }
    return value.substring(0, 3) + "…" + value.substring(value.length() - 4);
  }

  @Override
  public String toString() {
    return "PlainSecret[redacted]";
  }
}
