package io.killtoken.application.usage;

import io.killtoken.domain.usage.UsageTotals;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The answer of {@link SummarizeUsage}: the range read, the totals, and one entry per group. */
public record UsageSummary(
    UsageRange range,
    UsageGrouping grouping,
    Optional<String> tag,
    UsageTotals totals,
    List<Group> groups) {

  public UsageSummary {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(grouping, "grouping");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(totals, "totals");
    groups = List.copyOf(groups);
  }

  /** One entry: its key (see {@link UsageGrouping}) and what its calls added up to. */
  public record Group(String key, UsageTotals totals) {

    public Group {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(totals, "totals");
    }
  }
}
