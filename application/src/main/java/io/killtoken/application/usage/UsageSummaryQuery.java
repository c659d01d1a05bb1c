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
    Optional<String> tag,
    UsageFilter filter) {

  public UsageSummaryQuery {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(grouping, "grouping");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(tag, "tag");
    if ((grouping == UsageGrouping.TAG) != tag.isPresent()) {
      throw new IllegalArgumentException("a tag is named exactly when grouping by tag");
    }
  }

  /** A grouping other than by tag. */
  public UsageSummaryQuery(
      TenantId tenant,
      Optional<Instant> from,
      Optional<Instant> to,
      UsageGrouping grouping,
      UsageFilter filter) {
    this(tenant, from, to, grouping, Optional.empty(), filter);
  }
}
