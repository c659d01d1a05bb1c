package io.killtoken.domain.tenant;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer organisation: owns keys, credentials, usage and settings, and pays for a plan.
 *
 * @param closure set once the owner closed the account: when, and when its usage records are due
 *     for deletion
 */
public record Tenant(
    TenantId id, String name, Plan plan, Instant createdAt, Optional<Closure> closure) {

  private static final int MAX_NAME = 100;

  public Tenant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(closure, "closure");
    name = Objects.requireNonNull(name, "name").strip();
    if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME) {
      throw new IllegalArgumentException("tenant name must have 1 to " + MAX_NAME + " characters");
    }
  }

  /** An open tenant. */
  public Tenant(TenantId id, String name, Plan plan, Instant createdAt) {
    this(id, name, plan, createdAt, Optional.empty());
  }

  public Tenant withPlan(Plan newPlan) {
    return new Tenant(id, name, newPlan, createdAt, closure);
  }

  /** This tenant, closed now; its usage records are kept until {@code usageDeletionDue}. */
  public Tenant closed(Instant closedAt, Instant usageDeletionDue) {
    return new Tenant(
        id, name, plan, createdAt, Optional.of(new Closure(closedAt, usageDeletionDue)));
  }

  public boolean isClosed() {
    return closure.isPresent();
  }

  /** When the account was closed, and from when its usage records may be purged. */
  public record Closure(Instant closedAt, Instant usageDeletionDue) {

    public Closure {
      Objects.requireNonNull(closedAt, "closedAt");
      Objects.requireNonNull(usageDeletionDue, "usageDeletionDue");
      if (usageDeletionDue.isBefore(closedAt)) {
        throw new IllegalArgumentException("usage cannot be due for deletion before the closing");
      }
    }
  }
}
