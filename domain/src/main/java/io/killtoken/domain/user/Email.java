package io.killtoken.domain.user;

import io.killtoken.domain.error.InvalidRequest;
import java.util.Locale;
import java.util.regex.Pattern;

/** A login email, trimmed and lower-cased so that one address cannot register twice. */
public record Email(String value) {

  private static final int MAX = 254;
  private static final Pattern SHAPE =
      Pattern.compile("[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9.-]{1,189}\\.[A-Za-z]{2,24}");

  public Email {
    if (value == null) {
      throw new InvalidRequest("'email' is required.");
    }
    value = value.strip().toLowerCase(Locale.ROOT);
    if (value.length() > MAX || !SHAPE.matcher(value).matches()) {
      throw new InvalidRequest("'email' is not a valid email address.");
    }
  }
}
