package io.killtoken.domain.limit;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names a counter, e.g. {@code rpm:key:<id>} or {@code login:ip:<hash>}. Restricted to a safe
 * alphabet so that no raw email, address or secret can become a counter name.
 */
public record LimitKey(String value) {

  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9:._-]{1,128}");

  public LimitKey {
    Objects.requireNonNull(value, "value");
    if (!SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException("a limit key uses only [A-Za-z0-9:._-], at most 128");
    }
  }
}
