package io.killtoken.domain;

import io.killtoken.domain.error.InvalidRequest;

/** Rules for names people give things (keys, credential labels): 1–100 characters, no controls. */
public final class DisplayName {

  public static final int MAX = 100;

  private DisplayName() {}

  /** The trimmed name, or an {@link InvalidRequest} naming the field. */
  public static String check(String field, String value) {
    if (value == null) {
      throw new InvalidRequest("'" + field + "' is required.");
    }
    String name = value.strip();
    if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX) {
      throw new InvalidRequest("'" + field + "' must have 1 to " + MAX + " characters.");
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidRequest("'" + field + "' must not contain control characters.");
    }
    return name;
  }
}
