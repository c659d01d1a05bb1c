package io.killtoken.domain.user;

import io.killtoken.domain.tenant.TenantId;
import java.util.Optional;

/** Port: where users are kept; an email belongs to at most one user. */
public interface UserRepository {

  /** Adds the user; false (and nothing stored) when the email is already taken. */
  boolean insert(User user);

  /** Replaces a stored user (e.g. a new password hash). */
  void update(User user);

  Optional<User> find(UserId id);

  Optional<User> findByEmail(Email email);

  /** Deletes every user of the tenant, freeing their emails (account closing); returns how many. */
  long deleteAllOf(TenantId tenant);
}
