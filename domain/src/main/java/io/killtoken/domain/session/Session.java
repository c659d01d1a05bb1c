package io.killtoken.domain.session;

import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in dashboard session as stored server-side, so logout and a password change can end it.
 * Its CSRF token is not part of it: {@link SessionTokens#csrfTokenFor} derives it from the id, so
 * no store holds one.
 */
public record Session(
    SessionId id, UserId userId, TenantId tenantId, Instant createdAt, Instant expiresAt) {

  public Session {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("a session must expire after it is created");
    }
  }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  @Override
  public String toString() {
    return "Session[user=" + userId.value() + ", tenant=" + tenantId.value() + "]";
  }
}
