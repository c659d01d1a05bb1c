package io.killtoken.domain.provider;

import java.util.Objects;
import java.util.regex.Pattern;

/** Names an LLM provider, e.g. {@code openai}, {@code anthropic}; lower case, URL-safe. */
public record ProviderId(String value) {

  private static final Pattern SHAPE = Pattern.compile("[a-z][a-z0-9-]{1,31}");

  public ProviderId {
    Objects.requireNonNull(value, "provider");
    if (!SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException("provider name must match " + SHAPE.pattern());
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
