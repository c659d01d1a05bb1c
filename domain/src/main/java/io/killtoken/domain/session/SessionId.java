package io.killtoken.domain.session;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies a server-side session: the SHA-256 of the random token in the cookie, so a copy of the
 * database does not hold anything a browser could present.
 */
public record SessionId(String hex) {

  private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{64}");

  public SessionId {
    Objects.requireNonNull(hex, "hex");
    if (!SHAPE.matcher(hex).matches()) {
      throw new IllegalArgumentException("a session id is 64 lower-case hex digits");
    }
  }
}
