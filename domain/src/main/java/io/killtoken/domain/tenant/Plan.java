package io.killtoken.domain.tenant;

/**
 * A billing plan and the limits the gateway enforces for it: requests per minute and requests per
 * calendar month (UTC), counted per tenant across all its keys.
 */
public enum Plan {
  FREE(10_000, 60),
  PRO(1_000_000, 3_000),
  ENTERPRISE(Long.MAX_VALUE, 1_000_000);

  private final long monthlyRequests;
  private final int requestsPerMinute;

  Plan(long monthlyRequests, int requestsPerMinute) {
    this.monthlyRequests = monthlyRequests;
    this.requestsPerMinute = requestsPerMinute;
  }

  public long monthlyRequests() {
    return monthlyRequests;
  }

  /** False when the plan has no monthly request quota ({@link #ENTERPRISE}). */
  public boolean hasMonthlyQuota() {
    return monthlyRequests < Long.MAX_VALUE;
  }

  public int requestsPerMinute() {
    return requestsPerMinute;
  }
}
