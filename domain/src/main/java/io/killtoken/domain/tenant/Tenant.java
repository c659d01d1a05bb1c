package io.killtoken.domain.tenant;

import java.time.Instant;
import java.util.Objects;

/** A customer organisation: owns keys, credentials, usage and settings, and pays for a plan. */
public record Tenant(TenantId id, String name, Plan plan, Instant createdAt) {

  private static final int MAX_NAME = 100;

  public Tenant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(createdAt, "createdAt");
    name = Objects.requireNonNull(name, "name").strip();
    if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME) {
      throw new IllegalArgumentException("tenant name must have 1 to " + MAX_NAME + " characters");
    }
  }

  public Tenant withPlan(Plan newPlan) {
    return new Tenant(id, name, newPlan, createdAt);
  }
}
