package io.killtoken.domain;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** Rules shared by every id type: random (never sequential) and of a safe, bounded shape. */
public final class Ids {

  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{8,64}");

  private Ids() {}

  /** A new random id: a version-4 UUID, 122 bits from {@link java.security.SecureRandom}. */
  public static String random() {
    return UUID.randomUUID().toString();
  }

  /**
   * Returns the value if it has the shape of an id, else throws {@link IllegalArgumentException}.
   */
  public static String checked(String kind, String value) {
    Objects.requireNonNull(value, kind + " must not be null");
    if (!SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException(kind + " has an invalid shape");
    }
    return value;
  }
}
