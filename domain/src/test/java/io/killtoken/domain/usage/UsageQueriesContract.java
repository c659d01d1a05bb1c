package io.killtoken.domain.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.fingerprint.PromptFingerprint;
import io.killtoken.domain.fingerprint.PromptPrefix;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every usage store must have — the rollups it keeps as records arrive and the
 * records it pages through — held by the in-memory and the MongoDB stores alike.
 */
public abstract class UsageQueriesContract {

  protected static final Instant HOUR = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant FAR_FROM = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant FAR_TO = Instant.parse("2100-01-01T00:00:00Z");
  private static final ProviderId OPENAI = new ProviderId("openai");

  protected abstract UsageSink sink();

  protected abstract UsageQueries queries();

  protected abstract UsageRetention retention();

  /** Waits until everything recorded is stored. */
  protected abstract void flush();

  /** A call of {@code key} on gpt-4o-mini at {@code at}: known tokens, cost and latency. */
  protected static UsageMetric call(TenantId tenant, ApiKeyId key, Instant at, long latencyMs) {
    return new UsageMetric(
        UsageId.random(),
        tenant,
        key,
        OPENAI,
        "gpt-4o-mini",
        new TokenUsage(100, 20, 10),
        new MicroDollars(1_500),
        Duration.ofMillis(latencyMs),
        Duration.ofMillis(latencyMs - 1),
        UsageStatus.OK,
        false,
        CacheResult.MISS,
        fingerprint(),
        false,
        TokenUsage.NONE,
        MicroDollars.ZERO,
        at);
  }

  private static PromptFingerprint fingerprint() {
    byte[] bytes = new byte[32];
    ThreadLocalRandom.current().nextBytes(bytes);
    return new PromptFingerprint(HexFormat.of().formatHex(bytes));
  }

  private void record(UsageMetric... metrics) {
    for (UsageMetric metric : metrics) {
      sink().record(metric);
    }
    flush();
  }

  @Test
  void the_calls_of_one_hour_key_and_model_add_up_in_one_hourly_and_one_daily_rollup() {
    TenantId tenant = TenantId.random();
    ApiKeyId key = ApiKeyId.random();
    record(
        call(tenant, key, HOUR.plusSeconds(1), 40),
        call(tenant, key, HOUR.plusSeconds(1_800), 90),
        call(tenant, key, HOUR.plusSeconds(3_599), 1_200));

    List<UsageRollup> hourly =
        queries().rollups(tenant, RollupGrain.HOUR, FAR_FROM, FAR_TO, UsageFilter.ALL);
    assertEquals(1, hourly.size(), hourly.toString());
    UsageRollup rollup = hourly.getFirst();
    assertEquals(HOUR, rollup.start());
    assertEquals(key, rollup.apiKeyId());
    assertEquals("gpt-4o-mini", rollup.model());
    UsageTotals totals = rollup.totals();
    assertEquals(3, totals.requests());
    assertEquals(new TokenUsage(300, 60, 30), totals.tokens());
    assertEquals(new MicroDollars(4_500), totals.cost());
    assertEquals(3, totals.latency().count());
    assertEquals(Duration.ofMillis(100), totals.latency().percentile(0.5));
    assertEquals(Duration.ofMillis(1_500), totals.latency().percentile(0.95));

    List<UsageRollup> daily =
        queries().rollups(tenant, RollupGrain.DAY, FAR_FROM, FAR_TO, UsageFilter.ALL);
    assertEquals(1, daily.size(), daily.toString());
    assertEquals(Instant.parse("2026-03-01T00:00:00Z"), daily.getFirst().start());
    assertEquals(totals, daily.getFirst().totals());
  }

  @Test
  void calls_either_side_of_an_hour_and_of_a_day_land_in_their_own_rollups() {
    TenantId tenant = TenantId.random();
    ApiKeyId key = ApiKeyId.random();
    Instant midnight = Instant.parse("2026-03-02T00:00:00Z");
    record(
        call(tenant, key, midnight.minusMillis(1), 10),
        call(tenant, key, midnight, 10),
        call(tenant, key, midnight.plusSeconds(3_600), 10));

    assertEquals(
        List.of(midnight.minusSeconds(3_600), midnight, midnight.plusSeconds(3_600)),
        starts(queries().rollups(tenant, RollupGrain.HOUR, FAR_FROM, FAR_TO, UsageFilter.ALL)));
    assertEquals(
        List.of(midnight.minusSeconds(86_400), midnight),
        starts(queries().rollups(tenant, RollupGrain.DAY, FAR_FROM, FAR_TO, UsageFilter.ALL)));
    assertEquals(
        List.of(midnight),
        starts(
            queries()
                .rollups(
                    tenant,
                    RollupGrain.HOUR,
                    midnight,
                    midnight.plusSeconds(3_600),
                    UsageFilter.ALL)),
        "from is inclusive, to exclusive");
  }

  @Test
  void rollups_are_kept_per_key_and_the_filter_picks_them() {
    TenantId tenant = TenantId.random();
    ApiKeyId one = ApiKeyId.random();
    ApiKeyId two = ApiKeyId.random();
    record(call(tenant, one, HOUR, 10), call(tenant, two, HOUR, 10), call(tenant, two, HOUR, 10));

    UsageFilter onlyTwo =
        new UsageFilter(
            Optional.of(two),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    List<UsageRollup> found =
        queries().rollups(tenant, RollupGrain.HOUR, FAR_FROM, FAR_TO, onlyTwo);

    assertEquals(1, found.size(), found.toString());
    assertEquals(2, found.getFirst().totals().requests());
    assertEquals(
        2, queries().rollups(tenant, RollupGrain.HOUR, FAR_FROM, FAR_TO, UsageFilter.ALL).size());
  }

  @Test
  void another_tenants_usage_is_never_read() {
    TenantId mine = TenantId.random();
    TenantId theirs = TenantId.random();
    record(call(theirs, ApiKeyId.random(), HOUR, 10));

    assertTrue(
        queries().rollups(mine, RollupGrain.HOUR, FAR_FROM, FAR_TO, UsageFilter.ALL).isEmpty());
    assertTrue(
        queries()
            .records(mine, FAR_FROM, FAR_TO, UsageFilter.ALL, PageRequest.first())
            .items()
            .isEmpty());
  }

  @Test
  void records_come_newest_first_in_pages_that_cover_each_record_once() {
    TenantId tenant = TenantId.random();
    ApiKeyId key = ApiKeyId.random();
    List<UsageMetric> calls = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      // Two calls in each millisecond: the id orders them.
      calls.add(call(tenant, key, HOUR.plusMillis(i / 2), 10));
    }
    record(calls.toArray(UsageMetric[]::new));

    List<UsageMetric> read = new ArrayList<>();
    Optional<String> after = Optional.empty();
    int pages = 0;
    do {
      Page<UsageMetric> page =
          queries().records(tenant, FAR_FROM, FAR_TO, UsageFilter.ALL, new PageRequest(3, after));
      read.addAll(page.items());
      after = page.nextCursor();
      pages++;
    } while (after.isPresent());

    assertEquals(3, pages);
    List<UsageMetric> expected =
        calls.stream()
            .sorted(
                java.util.Comparator.comparing((UsageMetric m) -> m.occurredAt())
                    .thenComparing(m -> m.id().value())
                    .reversed())
            .toList();
    assertEquals(expected, read);
  }

  @Test
  void records_are_read_within_the_range_and_the_filter() {
    TenantId tenant = TenantId.random();
    ApiKeyId key = ApiKeyId.random();
    UsageMetric before = call(tenant, key, HOUR.minusMillis(1), 10);
    UsageMetric first = call(tenant, key, HOUR, 10);
    UsageMetric other = call(tenant, ApiKeyId.random(), HOUR.plusSeconds(5), 10);
    UsageMetric end = call(tenant, key, HOUR.plusSeconds(3_600), 10);
    record(before, first, other, end);

    Page<UsageMetric> inHour =
        queries()
            .records(tenant, HOUR, HOUR.plusSeconds(3_600), UsageFilter.ALL, PageRequest.first());
    assertEquals(List.of(other, first), inHour.items());

    UsageFilter byKey =
        new UsageFilter(
            Optional.of(key),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    assertEquals(
        List.of(end, first, before),
        queries().records(tenant, FAR_FROM, FAR_TO, byKey, PageRequest.first()).items());
  }

  @Test
  void a_cursor_the_store_did_not_write_is_an_invalid_request() {
    for (String bad : List.of("garbage", "", "MTIzOg", "bm90LWEtbnVtYmVyOmFiY2RlZmdoaWo")) {
      assertThrows(
          InvalidRequest.class,
          () ->
              queries()
                  .records(
                      TenantId.random(),
                      FAR_FROM,
                      FAR_TO,
                      UsageFilter.ALL,
                      new PageRequest(5, Optional.of(bad))));
    }
  }

  @Test
  void a_record_keeps_its_attribution() {
    TenantId tenant = TenantId.random();
    UsageAttribution attribution = attributed(Optional.of("a".repeat(64)), "length");
    UsageMetric sent = call(tenant, ApiKeyId.random(), HOUR, 40).with(attribution);
    record(sent);

    UsageMetric stored =
        queries()
            .records(tenant, FAR_FROM, FAR_TO, UsageFilter.ALL, PageRequest.first())
            .items()
            .getFirst();
    assertEquals(attribution, stored.attribution());
  }

  @Test
  void a_tagged_call_counts_in_its_plain_rollup_and_once_under_each_tag_and_its_end_user() {
    TenantId tenant = TenantId.random();
    ApiKeyId key = ApiKeyId.random();
    record(
        call(tenant, key, HOUR, 10).with(attributed(Optional.empty(), "stop")),
        call(tenant, key, HOUR.plusSeconds(5), 10).with(attributed(Optional.empty(), "stop")),
        call(tenant, key, HOUR.plusSeconds(9), 10));

    List<UsageRollup> plain = hourly(tenant, Optional.empty());
    assertEquals(3, plain.stream().mapToLong(r -> r.totals().requests()).sum());
    List<UsageRollup> byFeature = hourly(tenant, Optional.of(UsageFacet.tagKind("feature")));
    assertEquals(1, byFeature.size());
    assertEquals(new UsageFacet("tag:feature", "search"), byFeature.getFirst().facet().get());
    assertEquals(2, byFeature.getFirst().totals().requests());
    List<UsageRollup> byUser = hourly(tenant, Optional.of(UsageFacet.USER));
    assertEquals("u-42", byUser.getFirst().facet().get().value());
    assertEquals(2, byUser.getFirst().totals().requests());
    assertTrue(hourly(tenant, Optional.of(UsageFacet.tagKind("customer"))).isEmpty());
  }

  @Test
  void rollups_keep_the_credential_and_the_insight_signals() {
    TenantId tenant = TenantId.random();
    ApiKeyId key = ApiKeyId.random();
    record(
        call(tenant, key, HOUR, 10).with(attributed(Optional.empty(), "length")),
        call(tenant, key, HOUR.plusSeconds(1), 10).with(attributed(Optional.empty(), "stop")));

    UsageRollup rollup = hourly(tenant, Optional.empty()).getFirst();
    assertEquals(Optional.of(CREDENTIAL), rollup.credential());
    UsageSignals signals = rollup.totals().signals();
    assertEquals(1, signals.truncated());
    assertEquals(2, signals.capped());
    assertEquals(2 * 4_000, signals.cappedMaxTokens());
    assertEquals(2 * 20, signals.cappedOutput());
  }

  @Test
  void a_repeated_request_counts_as_a_shadow_cache_hit_within_each_time_to_live() {
    TenantId tenant = TenantId.random();
    ApiKeyId key = ApiKeyId.random();
    UsageAttribution same = attributed(Optional.of("b".repeat(64)), "stop");
    record(
        call(tenant, key, HOUR, 10).with(same),
        call(tenant, key, HOUR.plus(Duration.ofMinutes(30)), 10).with(same),
        call(tenant, key, HOUR.plus(Duration.ofHours(3)), 10).with(same),
        call(tenant, key, HOUR.plus(Duration.ofDays(2)), 10).with(same),
        // Another tenant's identical digest is not a repeat of this one's.
        call(TenantId.random(), key, HOUR.plus(Duration.ofMinutes(31)), 10).with(same));

    ShadowCache repeats =
        queries().rollups(tenant, RollupGrain.DAY, FAR_FROM, FAR_TO, UsageFilter.ALL).stream()
            .map(r -> r.totals().signals().repeats())
            .reduce(ShadowCache.ZERO, ShadowCache::plus);
    // 1 h: only the call 30 min after the first. 24 h: that one and the one at 3 h. 7 d: all three.
    assertEquals(1, repeats.hourHits());
    assertEquals(2, repeats.dayHits());
    assertEquals(3, repeats.weekHits());
    assertEquals(new MicroDollars(3 * 1_500), repeats.weekSaved());
  }

  @Test
  void each_hands_over_the_tenants_matching_records_oldest_first() {
    TenantId tenant = TenantId.random();
    ApiKeyId key = ApiKeyId.random();
    UsageMetric first = call(tenant, key, HOUR, 10);
    UsageMetric second = call(tenant, key, HOUR.plusSeconds(1), 10);
    UsageMetric otherKey = call(tenant, ApiKeyId.random(), HOUR.plusSeconds(2), 10);
    UsageMetric outside = call(tenant, key, HOUR.plus(Duration.ofDays(2)), 10);
    record(second, first, otherKey, outside, call(TenantId.random(), key, HOUR, 10));

    List<UsageMetric> seen = new ArrayList<>();
    UsageFilter byKey =
        new UsageFilter(
            Optional.of(key),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    queries().each(tenant, HOUR, HOUR.plus(Duration.ofDays(1)), byKey, seen::add);
    assertEquals(List.of(first, second), seen);
  }

  @Test
  void retention_deletes_only_the_tenants_records_and_rollups_older_than_the_cutoff() {
    TenantId tenant = TenantId.random();
    TenantId other = TenantId.random();
    ApiKeyId key = ApiKeyId.random();
    Instant cutoff = RollupGrain.DAY.start(HOUR.plus(Duration.ofDays(3)));
    UsageMetric old = call(tenant, key, HOUR, 10);
    UsageMetric kept = call(tenant, key, cutoff.plusSeconds(1), 10);
    UsageMetric othersOld = call(other, key, HOUR, 10);
    record(old, kept, othersOld);

    assertEquals(1, retention().deleteRecordsBefore(tenant, cutoff));
    assertEquals(
        List.of(kept),
        queries().records(tenant, FAR_FROM, FAR_TO, UsageFilter.ALL, PageRequest.first()).items());
    assertEquals(2, retention().deleteRollupsBefore(tenant, cutoff), "its hour and its day");
    assertEquals(
        List.of(cutoff),
        starts(queries().rollups(tenant, RollupGrain.HOUR, FAR_FROM, FAR_TO, UsageFilter.ALL)));
    assertEquals(
        1,
        queries()
            .records(other, FAR_FROM, FAR_TO, UsageFilter.ALL, PageRequest.first())
            .items()
            .size(),
        "another tenant's old record stays");
  }

  @Test
  void closing_deletes_everything_the_tenants_usage_left_and_nothing_else() {
    TenantId tenant = TenantId.random();
    TenantId other = TenantId.random();
    ApiKeyId key = ApiKeyId.random();
    UsageAttribution tagged = attributed(Optional.of("c".repeat(64)), "stop");
    record(
        call(tenant, key, HOUR, 10).with(tagged),
        call(tenant, key, HOUR.plusSeconds(1), 10).with(tagged),
        call(other, key, HOUR, 10).with(tagged));

    assertTrue(retention().deleteAllOf(tenant) >= 2 + 2);
    assertTrue(
        queries()
            .records(tenant, FAR_FROM, FAR_TO, UsageFilter.ALL, PageRequest.first())
            .items()
            .isEmpty());
    assertTrue(hourly(tenant, Optional.empty()).isEmpty());
    assertTrue(hourly(tenant, Optional.of(UsageFacet.USER)).isEmpty());
    assertEquals(1, hourly(other, Optional.empty()).size());
    // The same digest again is no repeat: the tenant's shadow entries went too.
    record(call(tenant, key, HOUR.plusSeconds(2), 10).with(tagged));
    assertEquals(
        0, hourly(tenant, Optional.empty()).getFirst().totals().signals().repeats().weekHits());
  }

  private List<UsageRollup> hourly(TenantId tenant, Optional<String> facetKind) {
    return queries()
        .rollups(tenant, RollupGrain.HOUR, FAR_FROM, FAR_TO, UsageFilter.ALL, facetKind);
  }

  protected static final CredentialId CREDENTIAL = new CredentialId("cred_contract_0001");

  private static UsageAttribution attributed(Optional<String> digest, String finish) {
    return new UsageAttribution(
        Optional.of(CREDENTIAL),
        Optional.of(finish),
        digest,
        UsageTags.parse("feature=search,team=core"),
        Optional.of("u-42"),
        4_000,
        0,
        Optional.of(new PromptPrefix("ab".repeat(16), 2_000)));
  }

  private static List<Instant> starts(List<UsageRollup> rollups) {
    return rollups.stream().map(UsageRollup::start).sorted().toList();
  }
}
