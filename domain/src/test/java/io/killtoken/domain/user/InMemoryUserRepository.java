package io.killtoken.domain.user;

import io.killtoken.domain.tenant.TenantId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory twin of {@link UserRepository}; held to the same contract as the real ones. */
public final class InMemoryUserRepository implements UserRepository {

  private final Map<UserId, User> users = new ConcurrentHashMap<>();
  private final Map<Email, UserId> byEmail = new ConcurrentHashMap<>();

  @Override
  public synchronized boolean insert(User user) {
    if (byEmail.putIfAbsent(user.email(), user.id()) != null) {
      return false;
    }
    users.put(user.id(), user);
    return true;
  }

  @Override
  public synchronized void update(User user) {
    User stored = users.get(user.id());
    // A user keeps their email and their tenant for good: only the rest may change.
    if (stored != null
        && stored.email().equals(user.email())
        && stored.tenantId().equals(user.tenantId())) {
      users.put(user.id(), user);
    }
  }

  @Override
  public Optional<User> find(UserId id) {
    return Optional.ofNullable(users.get(id));
  }

  @Override
  public Optional<User> findByEmail(Email email) {
    return Optional.ofNullable(byEmail.get(email)).map(users::get);
  }

  @Override
  public synchronized long deleteAllOf(TenantId tenant) {
    long before = users.size();
    users.values().stream()
        .filter(u -> u.tenantId().equals(tenant))
        .toList()
        .forEach(
            u -> {
              users.remove(u.id());
              byEmail.remove(u.email());
            });
    return before - users.size();
  }
}
