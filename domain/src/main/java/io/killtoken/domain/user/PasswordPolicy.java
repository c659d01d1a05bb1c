package io.killtoken.domain.user;

import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.secret.PlainSecret;

/**
 * Password rules: at least 12 characters (length beats composition rules), at most 256 so that no
 * one can make the server hash a megabyte, and no NUL characters.
 */
public final class PasswordPolicy {

  public static final int MIN = 12;
  public static final int MAX = 256;

  private PasswordPolicy() {}

  public static PlainSecret check(String password) {
    if (password == null) {
      throw new InvalidRequest("'password' is required.");
    }
    int length = password.codePointCount(0, password.length());
    if (length < MIN || length > MAX) {
      throw new InvalidRequest("'password' must have " + MIN + " to " + MAX + " characters.");
    }
    if (password.indexOf('\0') >= 0) {
      throw new InvalidRequest("'password' must not contain NUL characters.");
    }
    return new PlainSecret(password);
  }
}
