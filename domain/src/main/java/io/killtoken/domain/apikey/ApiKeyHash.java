package io.killtoken.domain.apikey;

import java.util.Objects;
import java.util.regex.Pattern;

/** The SHA-256 of an API key, in lower-case hex: the only form in which a key is stored. */
public record ApiKeyHash(String hex) {

  private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{64}");

  public ApiKeyHash {
    Objects.requireNonNull(hex, "hex");
    if (!SHAPE.matcher(hex).matches()) {
      throw new IllegalArgumentException("an API key hash is 64 lower-case hex digits");
    }
  }
}
