package io.killtoken.domain.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.CacheResult;
import io.killtoken.domain.usage.UsageFilter;
import io.killtoken.domain.usage.UsageStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
    assertTrue(
        repository()
            .list(TenantId.random(), new PageRequest(10, Optional.empty()))
            .items()
            .isEmpty());
  }

  @Test
  void a_tenants_exports_are_listed_page_by_page_and_closing_deletes_them_all() {
    TenantId tenant = TenantId.random();
    List<UsageExport> theirs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      theirs.add(export(tenant, NOW.plusSeconds(i), UsageFilter.ALL));
    }
    UsageExport other = export(TenantId.random(), NOW, UsageFilter.ALL);
    theirs.forEach(repository()::save);
    repository().save(other);

    Page<UsageExport> first = repository().list(tenant, new PageRequest(2, Optional.empty()));
    Page<UsageExport> second = repository().list(tenant, new PageRequest(2, first.nextCursor()));
    assertEquals(2, first.items().size());
    assertTrue(first.nextCursor().isPresent());
    assertEquals(1, second.items().size());
    assertEquals(Optional.empty(), second.nextCursor());
    List<UsageExport> listed = new ArrayList<>(first.items());
    listed.addAll(second.items());
    theirs.sort(Comparator.comparing(e -> e.id().value()));
    assertEquals(theirs, listed, "every one once, in id order, none of another tenant's");
    assertEquals(3, repository().deleteAllOf(tenant));
    assertTrue(repository().list(tenant, new PageRequest(10, Optional.empty())).items().isEmpty());
    assertEquals(Optional.of(other), repository().find(other.tenantId(), other.id()));
  }
}
