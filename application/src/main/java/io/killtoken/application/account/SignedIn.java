package io.killtoken.application.account;

import io.killtoken.domain.session.Session;
import io.killtoken.domain.user.User;
import java.util.Objects;

/**
 * The result of signing up, logging in or changing a password: the session and the cookie value
 * (secret) that stands for it.
 */
public record SignedIn(User user, Session session, String cookieValue) {

  public SignedIn {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(cookieValue, "cookieValue");
  }

  @Override
  public String toString() {
    return "SignedIn[user=" + user.id().value() + "]";
  }
}
