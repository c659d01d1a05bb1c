package io.killtoken.domain.user;

import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;

/** A person who signs in to the dashboard; belongs to exactly one tenant. */
public record User(
    UserId id, TenantId tenantId, Email email, PasswordHash passwordHash, Instant createdAt) {

  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public User withPasswordHash(PasswordHash newHash) {
    return new User(id, tenantId, email, newHash, createdAt);
  }
}
