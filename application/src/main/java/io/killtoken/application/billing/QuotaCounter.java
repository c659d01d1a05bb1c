package io.killtoken.application.billing;

import io.killtoken.domain.limit.CalendarMonth;
import io.killtoken.domain.tenant.TenantId;

/** How many requests a tenant's monthly quota has counted this month (the gateway's counter). */
@FunctionalInterface
public interface QuotaCounter {
  long used(TenantId tenant, CalendarMonth month);
}
