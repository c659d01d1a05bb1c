package io.killtoken.application.account;

import io.killtoken.application.abuse.AbuseLimits;
import io.killtoken.domain.error.PermissionDenied;
import io.killtoken.domain.error.Unauthenticated;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.session.SessionRepository;
import io.killtoken.domain.user.PasswordHasher;
import io.killtoken.domain.user.PasswordPolicy;
import io.killtoken.domain.user.User;
import io.killtoken.domain.user.UserRepository;
import java.util.Optional;

/**
 * Use case: replaces the password after checking the current one, ends every session of the user
 * (on every device) and opens a fresh one for the caller.
 */
public final class ChangePassword {

  private final UserRepository users;
  private final SessionRepository sessions;
  private final PasswordHasher hasher;
  private final StartSession start;
  private final AbuseLimits limits;

  public ChangePassword(
      UserRepository users,
      SessionRepository sessions,
      PasswordHasher hasher,
      StartSession start,
      AbuseLimits limits) {
    this.users = users;
    this.sessions = sessions;
    this.hasher = hasher;
    this.start = start;
    this.limits = limits;
  }

  public SignedIn change(ChangePasswordCommand command) {
    User user =
        users
            .find(command.session().userId())
            .orElseThrow(() -> new Unauthenticated("Authentication required."));
    // A stolen session must not become a free password-guessing oracle.
    limits.logIn(command.clientIp(), Optional.of(user.email()));
    PlainSecret current = new PlainSecret(String.valueOf(command.currentPassword()));
    if (!hasher.verify(current, user.passwordHash())) {
      throw new PermissionDenied("The current password is wrong.");
    }
    // As after a login: proving the password clears the email's count, so its owner is not
    // locked out of logging in again on the devices this change signs out.
    limits.loggedIn(user.email());
    PlainSecret next = PasswordPolicy.check(command.newPassword());
    User updated = user.withPasswordHash(hasher.hash(next));
    users.update(updated);
    sessions.deleteForUser(user.id());
    return start.start(updated);
  }
}
