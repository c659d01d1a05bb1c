package io.killtoken.application.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.fingerprint.PromptFingerprint;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.CacheResult;
import io.killtoken.domain.usage.InMemoryUsageStore;
import io.killtoken.domain.usage.TokenUsage;
import io.killtoken.domain.usage.UsageFilter;
import io.killtoken.domain.usage.UsageId;
import io.killtoken.domain.usage.UsageMetric;
import io.killtoken.domain.usage.UsageStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummarizeUsageTest {

  private static final Instant NOW = Instant.parse("2026-03-10T12:34:56Z");
  private static final String FINGERPRINT = "ab".repeat(32);

  private final InMemoryUsageStore store = new InMemoryUsageStore();
  private final SummarizeUsage summarize = new SummarizeUsage(store, InstantSource.fixed(NOW));
  private final TenantId tenant = TenantId.random();
  private final ApiKeyId key = ApiKeyId.random();

  private UsageMetric call(Instant at, String provider, String model, long costMicros) {
    UsageMetric metric =
        new UsageMetric(
            UsageId.random(),
            tenant,
            key,
            new ProviderId(provider),
            model,
            new TokenUsage(10, 5, 0),
            new MicroDollars(costMicros),
            Duration.ofMillis(30),
            Duration.ofMillis(25),
            UsageStatus.OK,
            false,
            CacheResult.MISS,
            new PromptFingerprint(FINGERPRINT),
            false,
            TokenUsage.NONE,
            MicroDollars.ZERO,
            at);
    store.record(metric);
    return metric;
  }

  private UsageSummary summary(String from, String to, UsageGrouping grouping) {
    return summarize.summarize(
        new UsageSummaryQuery(
            tenant,
            Optional.ofNullable(from).map(Instant::parse),
            Optional.ofNullable(to).map(Instant::parse),
            grouping,
            UsageFilter.ALL));
  }

  @Test
  void a_range_of_part_days_counts_each_call_once_from_hourly_and_daily_rollups() {
    call(Instant.parse("2026-03-01T22:59:00Z"), "openai", "gpt-4o-mini", 1); // before the range
    call(Instant.parse("2026-03-01T23:30:00Z"), "openai", "gpt-4o-mini", 10);
    call(Instant.parse("2026-03-02T12:00:00Z"), "openai", "gpt-4o-mini", 20);
    call(Instant.parse("2026-03-03T00:30:00Z"), "openai", "gpt-4o-mini", 40);
    call(Instant.parse("2026-03-03T01:00:00Z"), "openai", "gpt-4o-mini", 80); // at the end: out

    UsageSummary byDay = summary("2026-03-01T23:00:00Z", "2026-03-03T01:00:00Z", UsageGrouping.DAY);

    assertEquals(3, byDay.totals().requests());
    assertEquals(new MicroDollars(70), byDay.totals().cost());
    assertEquals(
        List.of("2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"),
        byDay.groups().stream().map(UsageSummary.Group::key).toList());
    assertEquals(
        List.of(1L, 1L, 1L), byDay.groups().stream().map(g -> g.totals().requests()).toList());

    UsageSummary byHour =
        summary("2026-03-01T23:00:00Z", "2026-03-03T01:00:00Z", UsageGrouping.HOUR);
    assertEquals(byDay.totals(), byHour.totals(), "hourly and daily rollups agree");
  }

  @Test
  void the_range_is_widened_to_whole_hours() {
    call(Instant.parse("2026-03-05T10:05:00Z"), "openai", "gpt-4o-mini", 10);

    UsageSummary summary =
        summary("2026-03-05T10:30:00Z", "2026-03-05T10:40:00Z", UsageGrouping.HOUR);

    assertEquals(Instant.parse("2026-03-05T10:00:00Z"), summary.range().from());
    assertEquals(Instant.parse("2026-03-05T11:00:00Z"), summary.range().to());
    assertEquals(1, summary.totals().requests());
  }

  @Test
  void groups_other_than_time_come_by_cost_highest_first() {
    Instant at = Instant.parse("2026-03-09T09:00:00Z");
    call(at, "openai", "gpt-4o-mini", 5);
    call(at, "anthropic", "claude-sonnet-4-5", 300);
    call(at, "openai", "gpt-4o", 40);
    call(at, "openai", "gpt-4o", 40);

    UsageSummary byModel = summary(null, null, UsageGrouping.MODEL);

    assertEquals(
        List.of("anthropic/claude-sonnet-4-5", "openai/gpt-4o", "openai/gpt-4o-mini"),
        byModel.groups().stream().map(UsageSummary.Group::key).toList());
    assertEquals(
        List.of("openai", "anthropic"),
        summary(null, null, UsageGrouping.PROVIDER).groups().stream()
            .map(UsageSummary.Group::key)
            .toList()
            .reversed());
  }

  @Test
  void the_default_range_is_the_last_seven_days() {
    call(NOW.minus(Duration.ofDays(8)), "openai", "gpt-4o-mini", 1);
    call(NOW.minus(Duration.ofDays(6)), "openai", "gpt-4o-mini", 2);

    UsageSummary summary = summary(null, null, UsageGrouping.DAY);

    assertEquals(1, summary.totals().requests());
    assertEquals(Instant.parse("2026-03-10T13:00:00Z"), summary.range().to());
  }

  @Test
  void a_reversed_or_too_long_range_is_an_invalid_request() {
    assertThrows(
        InvalidRequest.class,
        () -> summary("2026-03-02T00:00:00Z", "2026-03-01T00:00:00Z", UsageGrouping.DAY));
    assertThrows(
        InvalidRequest.class,
        () -> summary("2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z", UsageGrouping.HOUR));
    assertThrows(
        InvalidRequest.class,
        () -> summary("2024-01-01T00:00:00Z", "2026-03-01T00:00:00Z", UsageGrouping.DAY));
  }

  @Test
  void records_are_listed_within_the_exact_range_asked() {
    UsageMetric early = call(Instant.parse("2026-03-05T10:05:00Z"), "openai", "gpt-4o-mini", 1);
    UsageMetric late = call(Instant.parse("2026-03-05T10:35:00Z"), "openai", "gpt-4o-mini", 1);
    ListUsageRecords list = new ListUsageRecords(store, InstantSource.fixed(NOW));

    assertEquals(
        List.of(late),
        list.list(
                tenant,
                Optional.of(Instant.parse("2026-03-05T10:30:00Z")),
                Optional.empty(),
                UsageFilter.ALL,
                PageRequest.first())
            .items());
    assertEquals(
        List.of(late, early),
        list.list(tenant, Optional.empty(), Optional.empty(), UsageFilter.ALL, PageRequest.first())
            .items());
  }
}
