package io.killtoken.domain.export;

import io.killtoken.domain.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/** Port: stores usage exports, always within one tenant. */
public interface ExportRepository {

  void save(UsageExport export);

  /** The tenant's export; empty for another tenant's id exactly as for a missing one. */
  Optional<UsageExport> find(TenantId tenant, ExportId id);

  /** The tenant's newest exports, at most {@code limit}, newest first. */
  List<UsageExport> newest(TenantId tenant, int limit);

  /** Deletes every export of the tenant; returns how many there were. */
  long deleteAllOf(TenantId tenant);
}
