package io.killtoken.domain.user;

import java.util.Objects;

/** A self-describing password hash (algorithm, parameters, salt, digest); never printed. */
public record PasswordHash(String encoded) {

  public PasswordHash {
    Objects.requireNonNull(encoded, "encoded");
  }

  @Override
  public String toString() {
    return "PasswordHash[redacted]";
  }
}
