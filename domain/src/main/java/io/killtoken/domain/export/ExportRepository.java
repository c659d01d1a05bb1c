package io.killtoken.domain.export;

import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.tenant.TenantId;
import java.util.Optional;

/** Port: stores usage exports, always within one tenant. */
public interface ExportRepository {

  void save(UsageExport export);

  /** The tenant's export; empty for another tenant's id exactly as for a missing one. */
  Optional<UsageExport> find(TenantId tenant, ExportId id);

  /** The tenant's exports ordered by id, a page at a time (the cursor is the last id). */
  Page<UsageExport> list(TenantId tenant, PageRequest page);

  /** Deletes every export of the tenant; returns how many there were. */
  long deleteAllOf(TenantId tenant);
}
