package io.killtoken.domain.session;

import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.user.UserId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory twin of {@link SessionRepository}; held to the same contract as the real ones. */
public final class InMemorySessionRepository implements SessionRepository {

  private final Map<SessionId, Session> sessions = new ConcurrentHashMap<>();

  @Override
  public void save(Session session) {
    sessions.put(session.id(), session);
  }

  @Override
  public Optional<Session> find(SessionId id) {
    return Optional.ofNullable(sessions.get(id));
  }

  @Override
  public void delete(SessionId id) {
    sessions.remove(id);
  }

  @Override
  public long deleteAllOf(TenantId tenant) {
    long before = sessions.size();
    sessions.values().removeIf(s -> s.tenantId().equals(tenant));
    return before - sessions.size();
  }

  @Override
  public long deleteForUser(UserId user) {
    long before = sessions.size();
    sessions.values().removeIf(s -> s.userId().equals(user));
    return before - sessions.size();
  }
}
