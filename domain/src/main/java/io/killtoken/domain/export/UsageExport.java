package io.killtoken.domain.export;

import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.UsageFilter;
import java.time.Instant;
import java.util.Objects;

/**
 * A tenant's export of its usage records: a fixed range (never past the moment it was made) and the
 * records filters, read again from the database each time it is downloaded — so a million rows
 * never sit in memory and nothing is copied. Holds no prompt text, and neither do its rows.
 */
public record UsageExport(
    ExportId id,
    TenantId tenantId,
    ExportFormat format,
    Instant from,
    Instant to,
    UsageFilter filter,
    Instant createdAt) {

  public UsageExport {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(createdAt, "createdAt");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("an export's range starts before it ends");
    }
  }
}
