package io.killtoken.application.account;

import io.killtoken.application.abuse.AbuseLimits;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.Unauthenticated;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.user.Email;
import io.killtoken.domain.user.PasswordHash;
import io.killtoken.domain.user.PasswordHasher;
import io.killtoken.domain.user.PasswordPolicy;
import io.killtoken.domain.user.User;
import io.killtoken.domain.user.UserRepository;
import java.util.Optional;

/**
 * Use case: checks an email and password and opens a session. An unknown email and a wrong password
 * get the same answer after the same work (a hash is always verified), so neither the message nor
 * the timing tells which emails exist. Attempts are limited per client IP and per email.
 */
public final class LogIn {

  private static final String REFUSED = "Invalid email or password.";

  private final UserRepository users;
  private final PasswordHasher hasher;
  private final StartSession sessions;
  private final AbuseLimits limits;
  private final PasswordHash decoy;

  public LogIn(
      UserRepository users, PasswordHasher hasher, StartSession sessions, AbuseLimits limits) {
    this.users = users;
    this.hasher = hasher;
    this.sessions = sessions;
    this.limits = limits;
    this.decoy = hasher.hash(new PlainSecret("decoy-password-for-unknown-emails"));
  }

  public SignedIn logIn(LogInCommand command) {
    Email email;
    PlainSecret password;
    try {
      email = new Email(command.email());
      password = PasswordPolicy.check(command.password());
    } catch (InvalidRequest malformed) {
      limits.logIn(command.clientIp(), Optional.empty());
      throw new Unauthenticated(REFUSED);
    }
    limits.logIn(command.clientIp(), Optional.of(email));
    Optional<User> user = users.findByEmail(email);
    boolean valid = hasher.verify(password, user.map(User::passwordHash).orElse(decoy));
    if (user.isEmpty() || !valid) {
      throw new Unauthenticated(REFUSED);
    }
    limits.loggedIn(email);
    User owner = user.get();
    if (hasher.needsRehash(owner.passwordHash())) {
      owner = owner.withPasswordHash(hasher.hash(password));
      users.update(owner);
    }
    return sessions.start(owner);
  }
}
