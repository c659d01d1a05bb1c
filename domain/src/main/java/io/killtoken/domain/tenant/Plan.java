package io.killtoken.domain.tenant;

/** A billing plan and the monthly request quota the gateway enforces for it. */
public enum Plan {
  FREE(10_000),
  PRO(1_000_000),
  ENTERPRISE(Long.MAX_VALUE);

  private final long monthlyRequests;

  Plan(long monthlyRequests) {
    this.monthlyRequests = monthlyRequests;
  }

  public long monthlyRequests() {
    return monthlyRequests;
  }
}
