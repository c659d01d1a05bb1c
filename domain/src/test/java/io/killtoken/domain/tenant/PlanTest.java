package io.killtoken.domain.tenant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlanTest {

  @Test
  void a_dearer_plan_allows_more_per_minute() {
    assertTrue(Plan.FREE.requestsPerMinute() < Plan.PRO.requestsPerMinute());
    assertTrue(Plan.PRO.requestsPerMinute() < Plan.ENTERPRISE.requestsPerMinute());
  }

  @Test
  void only_enterprise_has_no_monthly_quota() {
    assertTrue(Plan.FREE.hasMonthlyQuota());
    assertTrue(Plan.PRO.hasMonthlyQuota());
    assertFalse(Plan.ENTERPRISE.hasMonthlyQuota());
  }
}
