package io.killtoken.adapters.mongo.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.fingerprint.PromptFingerprint;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.CacheResult;
import io.killtoken.domain.usage.InMemoryUsageStore;
import io.killtoken.domain.usage.RollupGrain;
import io.killtoken.domain.usage.TokenUsage;
import io.killtoken.domain.usage.UsageAttribution;
import io.killtoken.domain.usage.UsageFilter;
import io.killtoken.domain.usage.UsageId;
import io.killtoken.domain.usage.UsageMetric;
import io.killtoken.domain.usage.UsageRollup;
import io.killtoken.domain.usage.UsageStatus;
import io.killtoken.domain.usage.UsageTags;
import io.killtoken.domain.usage.UsageTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rollups {@link MongoUsageSink} writes with the records, checked against the records. */
class MongoUsageRollupsTest {

  private static final Instant START = Instant.parse("2026-03-01T22:00:00Z");
  private static final Instant FAR_FROM = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant FAR_TO = Instant.parse("2100-01-01T00:00:00Z");

  /** Small batches, no linger and quick retries, so a test sees many batches and retries. */
  private static final UsageBatching SMALL_BATCHES =
      new UsageBatching(
          100_000,
          37,
          Duration.ZERO,
          Duration.ofMillis(20),
          Duration.ofMillis(100),
          Duration.ofSeconds(20));

  private final Random random = new Random(42);
  private MongoDatabase database;
  private MongoUsageSink sink;
  private MongoUsageQueries queries;

  @BeforeEach
  void freshDatabase() {
    database = MongoFixture.shared().freshDatabase();
    sink = new MongoUsageSink(database, SMALL_BATCHES);
    queries = new MongoUsageQueries(database);
  }

  @AfterEach
  void dropDatabase() {
    sink.close();
    database.drop();
  }

  @Test
  void records_and_rollups_agree_after_many_batches() throws Exception {
    TenantId tenant = TenantId.random();
    List<ApiKeyId> keys = IntStream.range(0, 4).mapToObj(i -> ApiKeyId.random()).toList();
    List<UsageMetric> calls = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      // Three hours across midnight, so the daily rollups split too.
      calls.add(call(tenant, keys.get(i % 4), START.plusMillis(random.nextLong(10_800_000L))));
    }
    InMemoryUsageStore expected = new InMemoryUsageStore();
    for (UsageMetric call : calls) {
      sink.record(call);
      expected.record(call);
    }
    sink.flush();

    List<UsageRollup> hourly = rollups(tenant, RollupGrain.HOUR);
    List<UsageRollup> daily = rollups(tenant, RollupGrain.DAY);
    UsageTotals recorded = sum(calls.stream().map(UsageTotals::of).toList());
    assertEquals(1_000, database.getCollection("usage").countDocuments());
    assertEquals(1_000, totals(hourly).requests());
    assertEquals(recorded.tokens(), totals(hourly).tokens());
    assertEquals(recorded.cost(), totals(hourly).cost());
    assertEquals(recorded.saved(), totals(hourly).saved());
    assertEquals(recorded, totals(hourly), "errors, cache hits and latencies too");
    assertEquals(totals(hourly), totals(daily));
    assertEquals(
        new HashSet<>(
            expected.rollups(tenant, RollupGrain.HOUR, FAR_FROM, FAR_TO, UsageFilter.ALL)),
        new HashSet<>(hourly),
        "every bucket as the in-memory store adds it up");
    assertEquals(
        new HashSet<>(expected.rollups(tenant, RollupGrain.DAY, FAR_FROM, FAR_TO, UsageFilter.ALL)),
        new HashSet<>(daily));
  }

  @Test
  void records_an_earlier_attempt_stored_are_rolled_up_once_when_the_retry_meets_them()
      throws Exception {
    // An attempt whose outcome was unknown (a timeout) stored every third record, and so never
    // rolled them up; the retry meets their duplicate keys.
    TenantId tenant = TenantId.random();
    ApiKeyId key = ApiKeyId.random();
    List<UsageMetric> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      calls.add(call(tenant, key, START.plusSeconds(i)));
    }
    for (int i = 0; i < 20; i += 3) {
      database.getCollection("usage").insertOne(UsageDocuments.toDocument(calls.get(i)));
    }

    calls.forEach(sink::record);
    sink.flush();

    UsageTotals recorded = sum(calls.stream().map(UsageTotals::of).toList());
    assertEquals(20, database.getCollection("usage").countDocuments());
    assertEquals(recorded, totals(rollups(tenant, RollupGrain.HOUR)));
    assertEquals(recorded, totals(rollups(tenant, RollupGrain.DAY)));
  }

  @Test
  void
      a_failed_rollup_write_is_retried_without_storing_the_records_again_or_repeating_applied_upserts()
          throws Exception {
    TenantId tenant = TenantId.random();
    ApiKeyId key = ApiKeyId.random();
    List<UsageMetric> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(call(tenant, key, START.plusSeconds(i), UsageStatus.OK, CacheResult.MISS));
    }
    // A bucket whose counter is not a number: the hourly upsert fails until it is removed, the
    // daily one is applied at the first attempt.
    String hourlyId = RollupDocuments.id(UsageRollup.of(calls.getFirst(), RollupGrain.HOUR));
    database
        .getCollection("usage_rollups")
        .insertOne(new Document("_id", hourlyId).append("requests", "not a number"));

    // A long linger: the ten records go in one batch, taken when flush asks.
    sink.close();
    sink =
        new MongoUsageSink(
            database,
            new UsageBatching(
                100_000,
                37,
                Duration.ofSeconds(10),
                Duration.ofMillis(20),
                Duration.ofMillis(100),
                Duration.ofSeconds(20)));
    calls.forEach(sink::record);
    assertFalse(sink.flush(Duration.ofMillis(500)), "not stored until the rollups are written");
    assertEquals(10, database.getCollection("usage").countDocuments());
    assertEquals(10, totals(rollups(tenant, RollupGrain.DAY)).requests());
    database.getCollection("usage_rollups").deleteOne(Filters.eq("_id", hourlyId));

    assertTrue(sink.flush(Duration.ofSeconds(10)));

    UsageTotals recorded = sum(calls.stream().map(UsageTotals::of).toList());
    assertEquals(10, database.getCollection("usage").countDocuments());
    assertEquals(recorded, totals(rollups(tenant, RollupGrain.HOUR)));
    assertEquals(recorded, totals(rollups(tenant, RollupGrain.DAY)), "the daily upsert once");
  }

  @Test
  void records_keep_being_inserted_while_a_rollup_write_fails() throws Exception {
    // What a crash can lose is bounded by the insert's delay alone: a rollup write that cannot
    // succeed (here a bucket whose counter is not a number) must not hold later inserts back.
    TenantId tenant = TenantId.random();
    ApiKeyId key = ApiKeyId.random();
    UsageMetric first = call(tenant, key, START, UsageStatus.OK, CacheResult.MISS);
    String hourlyId = RollupDocuments.id(UsageRollup.of(first, RollupGrain.HOUR));
    database
        .getCollection("usage_rollups")
        .insertOne(new Document("_id", hourlyId).append("requests", "not a number"));
    List<UsageMetric> calls = new ArrayList<>(List.of(first));
    sink.record(first);
    awaitStored(1);
    for (int i = 0; i < 200; i++) {
      UsageMetric later = call(tenant, key, START.plus(Duration.ofHours(2)).plusSeconds(i));
      calls.add(later);
      sink.record(later);
    }

    awaitStored(calls.size());
    assertFalse(sink.flush(Duration.ofMillis(200)), "the first call is not rolled up yet");
    database.getCollection("usage_rollups").deleteOne(Filters.eq("_id", hourlyId));
    assertTrue(sink.flush(Duration.ofSeconds(10)));

    UsageTotals recorded = sum(calls.stream().map(UsageTotals::of).toList());
    assertEquals(recorded, totals(rollups(tenant, RollupGrain.HOUR)));
    assertEquals(recorded, totals(rollups(tenant, RollupGrain.DAY)));
  }

  @Test
  void plain_rollups_never_count_a_call_whose_facet_rollups_are_not_written() throws Exception {
    // A reader that sees a call in the plain totals must find it in every grouping: while a facet
    // upsert fails, the plain one waits.
    TenantId tenant = TenantId.random();
    UsageMetric tagged =
        call(tenant, ApiKeyId.random(), START, UsageStatus.OK, CacheResult.MISS)
            .with(
                new UsageAttribution(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    UsageTags.parse("feature=search"),
                    Optional.empty(),
                    0,
                    200,
                    Optional.empty()));
    UsageRollup facet =
        UsageRollup.all(tagged, RollupGrain.HOUR, UsageTotals.of(tagged)).stream()
            .filter(r -> r.facet().isPresent())
            .findFirst()
            .orElseThrow();
    String facetId = RollupDocuments.id(facet);
    database
        .getCollection("usage_facet_rollups")
        .insertOne(new Document("_id", facetId).append("requests", "not a number"));

    sink.record(tagged);
    awaitStored(1);
    assertFalse(sink.flush(Duration.ofMillis(300)));
    assertEquals(0, rollups(tenant, RollupGrain.HOUR).size(), "no plain rollup before its facets");
    database.getCollection("usage_facet_rollups").deleteOne(Filters.eq("_id", facetId));

    assertTrue(sink.flush(Duration.ofSeconds(10)));
    assertEquals(1, rollups(tenant, RollupGrain.HOUR).size());
  }

  /** Waits up to five seconds for {@code count} records in the usage collection. */
  private void awaitStored(long count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    long stored;
    while ((stored = database.getCollection("usage").countDocuments()) < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(stored + " of " + count + " records inserted after 5 s");
      }
      Thread.sleep(20);
    }
  }

  private List<UsageRollup> rollups(TenantId tenant, RollupGrain grain) {
    return queries.rollups(tenant, grain, FAR_FROM, FAR_TO, UsageFilter.ALL);
  }

  private static UsageTotals totals(List<UsageRollup> rollups) {
    return sum(rollups.stream().map(UsageRollup::totals).toList());
  }

  private static UsageTotals sum(List<UsageTotals> totals) {
    return totals.stream().reduce(UsageTotals.ZERO, UsageTotals::plus);
  }

  /** A call with a random status, cache result, model, tokens, cost and latency. */
  private UsageMetric call(TenantId tenant, ApiKeyId key, Instant at) {
    CacheResult cache = CacheResult.values()[random.nextInt(CacheResult.values().length)];
    UsageStatus status =
        cache == CacheResult.HIT
            ? UsageStatus.OK
            : UsageStatus.values()[random.nextInt(UsageStatus.values().length)];
    return call(tenant, key, at, status, cache);
  }

  private UsageMetric call(
      TenantId tenant, ApiKeyId key, Instant at, UsageStatus status, CacheResult cache) {
    boolean hit = cache == CacheResult.HIT;
    long input = 1 + random.nextInt(2_000);
    TokenUsage tokens = new TokenUsage(input, random.nextInt(500), random.nextLong(input + 1));
    byte[] fingerprint = new byte[32];
    random.nextBytes(fingerprint);
    return new UsageMetric(
        UsageId.random(),
        tenant,
        key,
        new ProviderId("openai"),
        random.nextBoolean() ? "gpt-4o-mini" : "gpt-4o",
        hit ? TokenUsage.NONE : tokens,
        hit ? MicroDollars.ZERO : new MicroDollars(random.nextLong(50_000)),
        Duration.ofMillis(random.nextLong(70_000)),
        Duration.ofMillis(1),
        status,
        random.nextBoolean(),
        cache,
        new PromptFingerprint(HexFormat.of().formatHex(fingerprint)),
        false,
        hit ? tokens : TokenUsage.NONE,
        hit ? new MicroDollars(random.nextLong(50_000)) : MicroDollars.ZERO,
        at);
  }
}
