package io.killtoken.domain.session;

import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in dashboard session as stored server-side, so logout and a password change can end it.
 *
 * @param csrfToken the token state-changing requests made with this session's cookie must echo
 */
public record Session(
    SessionId id,
    UserId userId,
    TenantId tenantId,
    String csrfToken,
    Instant createdAt,
    Instant expiresAt) {

  public Session {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(csrfToken, "csrfToken");
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
