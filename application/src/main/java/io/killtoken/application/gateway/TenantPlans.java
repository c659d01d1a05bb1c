package io.killtoken.application.gateway;

import io.killtoken.domain.tenant.Plan;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.tenant.TenantRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plan of each tenant for the gateway's per-request limits, kept in memory for a few seconds.
 * Plans change only through billing, rarely, and a new plan taking effect a few seconds late on
 * some node is harmless; a store read on every gateway request is not.
 */
public final class TenantPlans {

  /** How long a node may use a plan it read: the most a plan change can lag on one node. */
  public static final Duration FRESHNESS = Duration.ofSeconds(5);

  static final int MAX_TENANTS = 100_000;

  private final TenantRepository tenants;
  private final InstantSource clock;
  private final Map<TenantId, Known> known = new ConcurrentHashMap<>();

  private record Known(Plan plan, Instant readAt) {}

  public TenantPlans(TenantRepository tenants, InstantSource clock) {
    this.tenants = Objects.requireNonNull(tenants, "tenants");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The tenant's plan. A tenant the store does not know (deleted under a live key) gets the most
   * restrictive plan; while the store fails, the last plan read is used, however old.
   */
  public Plan of(TenantId tenant) {
    Instant now = clock.instant();
    Known cached = known.get(tenant);
    if (cached != null && now.isBefore(cached.readAt().plus(FRESHNESS))) {
      return cached.plan();
    }
    Plan plan;
    try {
      plan = tenants.find(tenant).map(Tenant::plan).orElse(Plan.FREE);
    } catch (RuntimeException storeDown) {
      return Optional.ofNullable(cached).map(Known::plan).orElseThrow(() -> storeDown);
    }
    if (known.size() >= MAX_TENANTS) {
      // More live tenants than the cap on one node is rare: starting over beats tracking recency.
      known.clear();
    }
    known.put(tenant, new Known(plan, now));
    return plan;
  }
}
