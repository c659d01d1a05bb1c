package io.killtoken.application.usage;

import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.RollupGrain;
import io.killtoken.domain.usage.UsageFilter;
import io.killtoken.domain.usage.UsageQueries;
import io.killtoken.domain.usage.UsageRollup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the rollups covering a range of whole hours: daily ones for its whole days and hourly ones
 * for the hours at its ends, so the cost depends on the range, not on the number of calls.
 */
public final class RangeRollups {

  private final UsageQueries usage;

  public RangeRollups(UsageQueries usage) {
    this.usage = usage;
  }

  /** The rollups of the range; hourly only when {@code hourly} or the range holds no whole day. */
  public List<UsageRollup> read(
      TenantId tenant,
      UsageRange range,
      boolean hourly,
      UsageFilter filter,
      Optional<String> facetKind) {
    Instant firstDay = RollupGrain.DAY.ceiling(range.from());
    Instant lastDayEnd = RollupGrain.DAY.start(range.to());
    if (hourly || !firstDay.isBefore(lastDayEnd)) {
      return read(tenant, RollupGrain.HOUR, range.from(), range.to(), filter, facetKind);
    }
    List<UsageRollup> found = new ArrayList<>();
    found.addAll(read(tenant, RollupGrain.HOUR, range.from(), firstDay, filter, facetKind));
    found.addAll(read(tenant, RollupGrain.DAY, firstDay, lastDayEnd, filter, facetKind));
    found.addAll(read(tenant, RollupGrain.HOUR, lastDayEnd, range.to(), filter, facetKind));
    return found;
  }

  private List<UsageRollup> read(
      TenantId tenant,
      RollupGrain grain,
      Instant from,
      Instant to,
      UsageFilter filter,
      Optional<String> facetKind) {
    if (!from.isBefore(to)) {
      return List.of();
    }
    return usage.rollups(tenant, grain, from, to, filter, facetKind);
  }
}
