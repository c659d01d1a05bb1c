package io.killtoken.domain.session;

import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.user.UserId;
import java.util.Optional;

/** Port: where server-side sessions are kept. */
public interface SessionRepository {

  void save(Session session);

  Optional<Session> find(SessionId id);

  void delete(SessionId id);

  /** Ends every session of the user (password change); returns how many there were. */
  long deleteForUser(UserId user);

  /** Ends every session of every user of the tenant (account closing); returns how many. */
  long deleteAllOf(TenantId tenant);
}
