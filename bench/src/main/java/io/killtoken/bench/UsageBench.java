package io.killtoken.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.killtoken.adapters.mongo.credential.MongoCredentialRepository;
import io.killtoken.adapters.mongo.settings.MongoSettingsRepository;
import io.killtoken.adapters.mongo.usage.MongoUsageQueries;
import io.killtoken.adapters.mongo.usage.MongoUsageSink;
import io.killtoken.application.insight.FindInsights;
import io.killtoken.application.usage.SummarizeUsage;
import io.killtoken.application.usage.UsageGrouping;
import io.killtoken.application.usage.UsageSummaryQuery;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.provider.PriceList;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.UsageCursor;
import io.killtoken.domain.usage.UsageFilter;
import io.killtoken.domain.usage.UsageId;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.bson.Document;

/**
 * The usage read benchmark: loads 1,000,000 records for one tenant and 100,000 for each of nine
 * others through the real usage sink (records and rollups), into the embedded store (its H2 file,
 * in this JVM) and into a MongoDB-wire server in its own process (in memory), then times the usage
 * API's reads — 30-day summaries by day, model and key, a page of records at several cursor depths,
 * the insights — and the heap while streaming the big tenant's million rows out as an export would.
 *
 * <pre>bench/usage [records of the big tenant, default 1000000]</pre>
 */
public final class UsageBench {

  private static final int RUNS = 15;
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  private UsageBench() {}

  public static void main(String[] args) throws Exception {
    int big = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    // Both stores, or one: at a million records each holds several GB, so a run per store keeps
    // the two heaps from sharing the machine.
    String stores = args.length > 1 ? args[1] : "both";
    int small = Math.max(1, big / 10);
    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            Locale.ROOT,
            "%d records for the measured tenant, %d for each of 9 others, over 30 days; %d runs"
                + " after %d warm-up runs, milliseconds.%n%n",
            big,
            small,
            RUNS,
            3));
    report.append(
        "| store | load (records/s) | summary by day p50 / max | by model p50 / max | by key p50 / max"
            + " | page 1 | page at 10k | page at 500k | insights p50 / max |\n");
    report.append("|---|---|---|---|---|---|---|---|---|\n");
    if (!stores.equals("wire")) {
      // As the embedded default keeps it: mongo-java-server's H2 backend on a file. (In memory, a
      // million records with their rollups and shadow entries outgrow a 16 GB heap.)
      Path file = Files.createTempFile("usage-bench", ".h2");
      MongoServer embedded = new MongoServer(new H2Backend(file.toString()));
      String embeddedUri = "mongodb://127.0.0.1:" + embedded.bind().getPort();
      try {
        report.append(
            measure("embedded H2 file (in this JVM)", embeddedUri, big, small, false).row());
      } finally {
        embedded.shutdownNow();
        Files.deleteIfExists(file);
      }
    }
    if (!stores.equals("embedded")) {
      Path log = Files.createTempFile("usage-bench-mongo", ".log");
      try (MongoWireProcess wire =
          MongoWireProcess.start(System.getProperty("java.class.path"), log)) {
        Result result = measure("MongoDB-wire server, own process", wire.uri(), big, small, true);
        report.append(result.row()).append("\n").append(result.heap()).append("\n");
      }
    }
    System.out.println(report);
  }

  private record Result(String row, String heap) {}

  private static Result measure(String store, String uri, int big, int small, boolean export)
      throws Exception {
    try (MongoClient client = MongoClients.create(uri)) {
      MongoDatabase database = client.getDatabase("usage_bench");
      TenantId measured = TenantId.random();
      long started = System.nanoTime();
      long loaded = load(database, measured, big, small);
      double perSecond = loaded / ((System.nanoTime() - started) / 1e9);
      MongoUsageQueries queries = new MongoUsageQueries(database);
      InstantSource clock = InstantSource.fixed(NOW);
      SummarizeUsage summarize = new SummarizeUsage(queries, clock);
      FindInsights insights =
          new FindInsights(
              queries,
              new MongoSettingsRepository(database),
              new MongoCredentialRepository(database),
              List.of(),
              PriceList.NONE,
              clock);
      Optional<Instant> from = Optional.of(NOW.minus(Duration.ofDays(30)));
      Optional<Instant> to = Optional.of(NOW);
      String byDay = time(() -> summarize.summarize(query(measured, UsageGrouping.DAY)));
      String byModel = time(() -> summarize.summarize(query(measured, UsageGrouping.MODEL)));
      String byKey = time(() -> summarize.summarize(query(measured, UsageGrouping.KEY)));
      String first =
          p50(
              () ->
                  queries.records(
                      measured,
                      NOW.minus(Duration.ofDays(30)),
                      NOW,
                      UsageFilter.ALL,
                      new PageRequest(100, Optional.empty())));
      String at10k = p50(page(database, queries, measured, Math.min(10_000, big / 2)));
      String at500k = p50(page(database, queries, measured, Math.min(500_000, big - 200)));
      String insight = time(() -> insights.find(measured, from, to));
      // Only where the store is in another process does this JVM's heap show the stream alone.
      String heap = export ? exportHeap(queries, measured, store) : "";
      String row =
          String.format(
              Locale.ROOT,
              "| %s | %,.0f | %s | %s | %s | %s | %s | %s | %s |%n",
              store,
              perSecond,
              byDay,
              byModel,
              byKey,
              first,
              at10k,
              at500k,
              insight);
      return new Result(row, heap);
    }
  }

  private static UsageSummaryQuery query(TenantId tenant, UsageGrouping grouping) {
    return new UsageSummaryQuery(
        tenant,
        Optional.of(NOW.minus(Duration.ofDays(30))),
        Optional.of(NOW),
        grouping,
        UsageFilter.ALL);
  }

  /**
   * A page read after the record at {@code depth}: the cursor a client paging there would hold,
   * found once (untimed) by skipping to that record.
   */
  private static Supplier<Object> page(
      MongoDatabase database, MongoUsageQueries queries, TenantId tenant, int depth) {
    Instant from = NOW.minus(Duration.ofDays(31));
    Document at =
        database
            .getCollection("usage")
            .find(Filters.eq("tenantId", tenant.value()))
            .sort(Sorts.descending("occurredAt", "_id"))
            .skip(depth)
            .limit(1)
            .first();
    Optional<String> cursor =
        Optional.of(
            new UsageCursor(at.getDate("occurredAt").toInstant(), new UsageId(at.getString("_id")))
                .token());
    return () -> queries.records(tenant, from, NOW, UsageFilter.ALL, new PageRequest(100, cursor));
  }

  private static long load(MongoDatabase database, TenantId measured, int big, int small)
      throws InterruptedException {
    long count = 0;
    try (MongoUsageSink sink = new MongoUsageSink(database)) {
      SampleCalls calls = new SampleCalls(NOW);
      for (int i = 0; i < big; i++) {
        sink.record(calls.next(measured, i, big));
        count++;
      }
      for (int t = 0; t < 9; t++) {
        TenantId other = TenantId.random();
        for (int i = 0; i < small; i++) {
          sink.record(calls.next(other, i, small));
          count++;
        }
      }
      sink.flush();
    }
    return count;
  }

  private static String exportHeap(MongoUsageQueries queries, TenantId tenant, String store) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long before = memory.getHeapMemoryUsage().getUsed();
    AtomicLong rows = new AtomicLong();
    AtomicLong peak = new AtomicLong(before);
    AtomicLong bytes = new AtomicLong();
    long started = System.nanoTime();
    queries.each(
        tenant,
        NOW.minus(Duration.ofDays(31)),
        NOW,
        UsageFilter.ALL,
        metric -> {
          bytes.addAndGet(metric.toString().length());
          if (rows.incrementAndGet() % 10_000 == 0) {
            peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
          }
        });
    double seconds = (System.nanoTime() - started) / 1e9;
    return String.format(
        Locale.ROOT,
        "Export stream (%s): %,d rows in %.1f s (%,.0f rows/s); heap in use %d MiB before, at most"
            + " %d MiB while streaming.",
        store,
        rows.get(),
        seconds,
        rows.get() / seconds,
        before / (1024 * 1024),
        peak.get() / (1024 * 1024));
  }

  private static String time(Supplier<Object> read) {
    List<Double> millis = runs(read);
    return String.format(
        Locale.ROOT, "%.1f / %.1f", millis.get(millis.size() / 2), millis.getLast());
  }

  private static String p50(Supplier<Object> read) {
    List<Double> millis = runs(read);
    return String.format(Locale.ROOT, "%.1f", millis.get(millis.size() / 2));
  }

  private static List<Double> runs(Supplier<Object> read) {
    for (int i = 0; i < 3; i++) {
      read.get();
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      long started = System.nanoTime();
      read.get();
      millis.add((System.nanoTime() - started) / 1e6);
    }
    millis.sort(null);
    return millis;
  }
}
