package io.killtoken.application.gateway;

import io.killtoken.domain.billing.PlanCatalog;
import io.killtoken.domain.billing.PlanTerms;
import io.killtoken.domain.tenant.Plan;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.tenant.TenantRepository;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plan of each tenant for the gateway's per-request limits. Reads go through the tenant
 * repository, which bootstrap wraps in the change-counter cache (ADR 0008): a plan change holds on
 * the next request on every node, without a store read per request. The last plan read is kept only
 * to ride out a store outage.
 */
public final class TenantPlans {

  static final int MAX_TENANTS = 100_000;

  private final TenantRepository tenants;
  private final PlanCatalog catalog;
  private final Map<TenantId, Plan> lastRead = new ConcurrentHashMap<>();

  public TenantPlans(TenantRepository tenants, PlanCatalog catalog) {
    this.tenants = Objects.requireNonNull(tenants, "tenants");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /** The terms (quotas) of the tenant's plan, as configured. */
  public PlanTerms terms(TenantId tenant) {
    return catalog.of(of(tenant));
  }

  /**
   * The tenant's plan. A tenant the store does not know (deleted under a live key) gets the most
   * restrictive plan; while the store fails, the last plan read is used, however old.
   */
  public Plan of(TenantId tenant) {
    Plan plan;
    try {
      plan = tenants.find(tenant).map(Tenant::plan).orElse(Plan.FREE);
    } catch (RuntimeException storeDown) {
      Plan last = lastRead.get(tenant);
      if (last == null) {
        throw storeDown;
      }
      return last;
    }
    if (lastRead.size() >= MAX_TENANTS) {
      // More live tenants than the cap on one node is rare: starting over beats tracking recency.
      lastRead.clear();
    }
    lastRead.put(tenant, plan);
    return plan;
  }
}
