package io.killtoken.adapters.crypto.password;

import java.util.Objects;

/**
 * A stored password hash in its self-describing encoded form (algorithm parameters, salt and
 * derived key); {@link #toString()} never shows it.
 */
public record PasswordHash(String encoded) {

  public PasswordHash {
    Objects.requireNonNull(encoded, "encoded");
  }

  @Override
  public String toString() {
    return "PasswordHash[redacted]";
  }
}
