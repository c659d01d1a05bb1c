package io.killtoken.application.usage;

import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.UsageFilter;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A tenant's question for {@link SummarizeUsage}: which range, grouped how, which calls. */
public record UsageSummaryQuery(
    TenantId tenant,
    Optional<Instant> from,
    Optional<Instant> to,
    UsageGrouping grouping,
    UsageFilter filter) {

  public UsageSummaryQuery {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(grouping, "grouping");
    Objects.requireNonNull(filter, "filter");
  }
}
