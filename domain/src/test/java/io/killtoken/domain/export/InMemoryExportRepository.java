package io.killtoken.domain.export;

import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.tenant.TenantId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Exports in memory, for tests. */
public final class InMemoryExportRepository implements ExportRepository {

  private final Map<ExportId, UsageExport> exports = new ConcurrentHashMap<>();

  @Override
  public void save(UsageExport export) {
    exports.put(export.id(), export);
  }

  @Override
  public Optional<UsageExport> find(TenantId tenant, ExportId id) {
    return Optional.ofNullable(exports.get(id)).filter(e -> e.tenantId().equals(tenant));
  }

  @Override
  public Page<UsageExport> list(TenantId tenant, PageRequest page) {
    return Page.of(
        exports.values().stream()
            .filter(e -> e.tenantId().equals(tenant))
            .filter(e -> page.after().map(a -> e.id().value().compareTo(a) > 0).orElse(true))
            .sorted(Comparator.comparing(e -> e.id().value()))
            .limit(page.limit() + 1L)
            .toList(),
        page.limit(),
        e -> e.id().value());
  }

  @Override
  public long deleteAllOf(TenantId tenant) {
    List<ExportId> theirs =
        exports.values().stream()
            .filter(e -> e.tenantId().equals(tenant))
            .map(UsageExport::id)
            .toList();
    theirs.forEach(exports::remove);
    return theirs.size();
  }
}
