package io.killtoken.application.account;

import io.killtoken.domain.session.Session;
import io.killtoken.domain.user.User;
import java.util.Objects;

/**
 * The result of signing up, logging in or changing a password: the session, the cookie value
 * (secret) that stands for it and the session's CSRF token.
 */
public record SignedIn(User user, Session session, String cookieValue, String csrfToken) {

  public SignedIn {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(cookieValue, "cookieValue");
    Objects.requireNonNull(csrfToken, "csrfToken");
  }

  @Override
  public String toString() {
    return "SignedIn[user=" + user.id().value() + "]";
  }
}
