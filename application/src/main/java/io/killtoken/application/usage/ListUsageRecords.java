package io.killtoken.application.usage;

import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.UsageFilter;
import io.killtoken.domain.usage.UsageMetric;
import io.killtoken.domain.usage.UsageQueries;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/** Use case: a tenant's raw usage records over a range, newest first, one page at a time. */
public final class ListUsageRecords {

  /** The longest range one listing may cover. */
  public static final Duration LONGEST_RANGE = Duration.ofDays(366);

  private final UsageQueries usage;
  private final InstantSource clock;

  public ListUsageRecords(UsageQueries usage, InstantSource clock) {
    this.usage = usage;
    this.clock = clock;
  }

  public Page<UsageMetric> list(
      TenantId tenant,
      Optional<Instant> from,
      Optional<Instant> to,
      UsageFilter filter,
      PageRequest page) {
    UsageRange range = UsageRange.of(from, to, clock, LONGEST_RANGE);
    return usage.records(tenant, range.from(), range.to(), filter, page);
  }
}
