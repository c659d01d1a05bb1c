package io.killtoken.domain.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.CacheResult;
import io.killtoken.domain.usage.UsageFilter;
import io.killtoken.domain.usage.UsageStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every export store must do, held by the in-memory and the MongoDB stores alike. */
public abstract class ExportRepositoryContract {

  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

  protected abstract ExportRepository repository();

  private static UsageExport export(TenantId tenant, Instant createdAt, UsageFilter filter) {
    return new UsageExport(
        ExportId.random(),
        tenant,
        ExportFormat.JSONL,
        createdAt.minus(Duration.ofDays(30)),
        createdAt,
        filter,
        createdAt);
  }

  @Test
  void an_export_reads_back_as_saved_with_its_filters() {
    TenantId tenant = TenantId.random();
    UsageFilter filter =
        new UsageFilter(
            Optional.of(new ApiKeyId("key_export_01")),
            Optional.empty(),
            Optional.of("gpt-4o"),
            Optional.of(UsageStatus.OK),
            Optional.of(CacheResult.MISS));
    UsageExport saved = export(tenant, NOW, filter);
    repository().save(saved);

    assertEquals(Optional.of(saved), repository().find(tenant, saved.id()));
  }

  @Test
  void another_tenants_export_is_not_found_exactly_like_a_missing_one() {
    TenantId owner = TenantId.random();
    UsageExport saved = export(owner, NOW, UsageFilter.ALL);
    repository().save(saved);

    assertEquals(Optional.empty(), repository().find(TenantId.random(), saved.id()));
    assertEquals(Optional.empty(), repository().find(owner, ExportId.random()));
    assertTrue(repository().newest(TenantId.random(), 10).isEmpty());
  }

  @Test
  void the_newest_come_first_and_closing_deletes_them_all() {
    TenantId tenant = TenantId.random();
    UsageExport old = export(tenant, NOW, UsageFilter.ALL);
    UsageExport recent = export(tenant, NOW.plusSeconds(60), UsageFilter.ALL);
    UsageExport other = export(TenantId.random(), NOW, UsageFilter.ALL);
    repository().save(old);
    repository().save(recent);
    repository().save(other);

    assertEquals(List.of(recent, old), repository().newest(tenant, 10));
    assertEquals(List.of(recent), repository().newest(tenant, 1));
    assertEquals(2, repository().deleteAllOf(tenant));
    assertTrue(repository().newest(tenant, 10).isEmpty());
    assertEquals(Optional.of(other), repository().find(other.tenantId(), other.id()));
  }
}
