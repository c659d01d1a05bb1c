package io.killtoken.application.export;

import io.killtoken.application.usage.UsageRange;
import io.killtoken.domain.error.NotFound;
import io.killtoken.domain.export.ExportFormat;
import io.killtoken.domain.export.ExportId;
import io.killtoken.domain.export.ExportRepository;
import io.killtoken.domain.export.UsageExport;
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
import java.util.function.Consumer;

/**
 * Use case: a tenant's usage exports. Making one saves its range (ending no later than now, so its
 * rows are fixed) and filters; downloading it reads the records again through a database cursor.
 * Another tenant's export is not found, exactly like a missing one.
 */
public final class ManageExports {

  public static final Duration DEFAULT_SPAN = Duration.ofDays(30);
  public static final Duration LONGEST = Duration.ofDays(366);

  private final ExportRepository exports;
  private final UsageQueries usage;
  private final InstantSource clock;

  public ManageExports(ExportRepository exports, UsageQueries usage, InstantSource clock) {
    this.exports = exports;
    this.usage = usage;
    this.clock = clock;
  }

  public UsageExport create(
      TenantId tenant,
      ExportFormat format,
      Optional<Instant> from,
      Optional<Instant> to,
      UsageFilter filter) {
    Instant now = clock.instant();
    // A range reaching into the future ends now: rows written later are not the export's.
    Optional<Instant> end = to.map(t -> t.isAfter(now) ? now : t);
    UsageRange range = UsageRange.of(from, end, clock, LONGEST, DEFAULT_SPAN);
    UsageExport export =
        new UsageExport(ExportId.random(), tenant, format, range.from(), range.to(), filter, now);
    exports.save(export);
    return export;
  }

  /** The tenant's exports, a page at a time. */
  public Page<UsageExport> list(TenantId tenant, PageRequest page) {
    return exports.list(tenant, page);
  }

  /**
   * @throws NotFound for another tenant's export as for a missing one
   */
  public UsageExport find(TenantId tenant, ExportId id) {
    return exports.find(tenant, id).orElseThrow(() -> new NotFound("No such export."));
  }

  /** Hands the export's rows to {@code each}, oldest first, never holding more than a batch. */
  public void download(TenantId tenant, ExportId id, Consumer<UsageMetric> each) {
    UsageExport export = find(tenant, id);
    usage.each(tenant, export.from(), export.to(), export.filter(), each);
  }
}
