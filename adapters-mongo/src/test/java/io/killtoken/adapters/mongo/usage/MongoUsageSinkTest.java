package io.killtoken.adapters.mongo.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.UsageFilter;
import io.killtoken.domain.usage.UsageMetric;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MongoUsageSinkTest {

  private MongoDatabase database;
  private MongoUsageSink sink;

  @BeforeEach
  void freshDatabase() {
    database = MongoFixture.shared().freshDatabase();
    sink = new MongoUsageSink(database);
  }

  @AfterEach
  void dropDatabase() {
    sink.close();
    database.drop();
  }

  private MongoCollection<Document> usage() {
    return database.getCollection("usage");
  }

  /** The tenant's latest records, the way the usage API reads them. */
  private List<UsageMetric> records(TenantId tenant, int limit) {
    return new MongoUsageQueries(database)
        .records(
            tenant,
            Instant.EPOCH,
            Instant.parse("2100-01-01T00:00:00Z"),
            UsageFilter.ALL,
            new PageRequest(limit, Optional.empty()))
        .items();
  }

  @Test
  void every_field_is_stored_after_flush_and_read_back_newest_first_within_the_tenant()
      throws Exception {
    TenantId tenant = TenantId.random();
    UsageMetric older = SampleUsage.miss(tenant, SampleUsage.NOON);
    UsageMetric newer = SampleUsage.hit(tenant, SampleUsage.NOON.plusSeconds(60));
    UsageMetric otherTenants = SampleUsage.miss(TenantId.random(), SampleUsage.NOON.plusSeconds(1));
    sink.record(older);
    sink.record(otherTenants);
    sink.record(newer);

    sink.flush();

    assertEquals(List.of(newer, older), records(tenant, 10));
    assertEquals(List.of(newer), records(tenant, 1));
    assertEquals(List.of(), records(TenantId.random(), 10));
    assertEquals(0, sink.pending());
  }

  @Test
  void a_sealed_prompt_is_stored_as_its_ciphertext_and_read_back_only_when_there_is_one()
      throws Exception {
    TenantId tenant = TenantId.random();
    UsageMetric plain = SampleUsage.miss(tenant, SampleUsage.NOON);
    UsageMetric kept = withPrompt(SampleUsage.miss(tenant, SampleUsage.NOON.plusSeconds(1)));
    sink.record(plain);
    sink.record(kept);

    sink.flush();

    assertEquals(List.of(kept, plain), records(tenant, 10));
    var raw = database.getCollection("usage");
    assertEquals(
        "c2VhbGVkIGJ5IHRoZSB0ZXN0",
        raw.find(new org.bson.Document("_id", kept.id().value()))
            .first()
            .getString("sealedPrompt"));
    assertTrue(
        !raw.find(new org.bson.Document("_id", plain.id().value()))
            .first()
            .containsKey("sealedPrompt"),
        "no field at all when prompt storage is off");
  }

  private static UsageMetric withPrompt(UsageMetric m) {
    return new UsageMetric(
        m.id(),
        m.tenantId(),
        m.apiKeyId(),
        m.provider(),
        m.model(),
        m.tokens(),
        m.cost(),
        m.latency(),
        m.upstreamLatency(),
        m.status(),
        m.stream(),
        m.cache(),
        m.fingerprint(),
        m.estimated(),
        m.saved(),
        m.savedCost(),
        m.occurredAt(),
        java.util.Optional.of(
            new io.killtoken.domain.secret.SealedSecret("c2VhbGVkIGJ5IHRoZSB0ZXN0")),
        m.attribution());
  }

  @Test
  void the_raw_document_has_exactly_the_usage_fields_and_no_text_but_ids_and_names()
      throws Exception {
    UsageMetric metric = SampleUsage.hit(TenantId.random(), SampleUsage.NOON);
    sink.record(metric);
    sink.flush();

    BsonDocument stored =
        database
            .getCollection("usage", BsonDocument.class)
            .find(Filters.eq("_id", metric.id().value()))
            .first();

    assertEquals(
        Set.of(
            "_id",
            "tenantId",
            "apiKeyId",
            "provider",
            "model",
            "tokens",
            "costMicros",
            "latencyMs",
            "upstreamLatencyMs",
            "status",
            "stream",
            "cache",
            "fingerprint",
            "estimated",
            "saved",
            "savedCostMicros",
            "occurredAt"),
        stored.keySet());
    assertEquals(Set.of("input", "output", "cachedInput"), stored.getDocument("tokens").keySet());
    assertEquals(Set.of("input", "output", "cachedInput"), stored.getDocument("saved").keySet());
    Map<String, String> text = new TreeMap<>();
    strings("", stored, text);
    assertEquals(
        Set.of(
            "_id", "tenantId", "apiKeyId", "provider", "model", "status", "cache", "fingerprint"),
        text.keySet(),
        "no other text field");
    assertEquals("HIT", stored.getString("cache").getValue());
    assertEquals("OK", stored.getString("status").getValue());
    assertEquals(BsonType.INT64, stored.get("costMicros").getBsonType(), "money is int64");
    assertEquals(BsonType.INT64, stored.get("savedCostMicros").getBsonType());
    assertEquals(4_321L, stored.getInt64("savedCostMicros").getValue());
    assertEquals(5_000_000_000L, stored.getDocument("saved").getInt64("input").getValue());
    assertEquals(BsonType.INT64, stored.get("latencyMs").getBsonType());
    assertEquals(3L, stored.getInt64("latencyMs").getValue());
    assertEquals(BsonType.BOOLEAN, stored.get("stream").getBsonType());
    assertEquals(BsonType.BOOLEAN, stored.get("estimated").getBsonType());
    assertEquals(metric.occurredAt().toEpochMilli(), stored.getDateTime("occurredAt").getValue());
  }

  private static void strings(String path, BsonDocument document, Map<String, String> found) {
    for (Map.Entry<String, BsonValue> field : document.entrySet()) {
      String name = path + field.getKey();
      BsonValue value = field.getValue();
      if (value.isString()) {
        found.put(name, value.asString().getValue());
      } else if (value.isDocument()) {
        strings(name + ".", value.asDocument(), found);
      } else if (value.isArray()) {
        found.put(name, value.toString());
      }
    }
  }

  @Test
  void
      the_tenant_is_indexed_with_the_time_and_with_the_fingerprint_and_its_rollups_by_grain_and_start()
          throws Exception {
    sink.record(SampleUsage.any());
    sink.flush();

    List<Document> indexes = usage().listIndexes().into(new ArrayList<>());
    List<Document> rollupIndexes =
        database.getCollection("usage_rollups").listIndexes().into(new ArrayList<>());

    assertTrue(
        indexes.stream()
            .anyMatch(
                i ->
                    i.get("key", Document.class)
                        .equals(
                            new Document("tenantId", 1).append("occurredAt", 1).append("_id", 1))),
        indexes.toString());
    assertTrue(
        indexes.stream()
            .anyMatch(
                i ->
                    i.get("key", Document.class)
                        .equals(new Document("tenantId", 1).append("fingerprint", 1))),
        indexes.toString());
    assertTrue(
        rollupIndexes.stream()
            .anyMatch(
                i ->
                    i.get("key", Document.class)
                        .equals(new Document("tenantId", 1).append("grain", 1).append("start", 1))),
        rollupIndexes.toString());
  }

  @Test
  void close_stores_every_record_buffered_before_it() {
    for (int i = 0; i < 10_000; i++) {
      sink.record(SampleUsage.any());
    }

    sink.close();

    assertEquals(10_000, usage().countDocuments());
    assertEquals(0, sink.pending());
  }

  @Test
  void concurrent_producers_lose_nothing_and_duplicate_nothing() throws Exception {
    int producers = 8;
    int each = 2_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<String>>> recorded = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(producers)) {
      for (int p = 0; p < producers; p++) {
        recorded.add(
            threads.submit(
                () -> {
                  start.await();
                  List<String> ids = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    UsageMetric metric = SampleUsage.any();
                    sink.record(metric);
                    ids.add(metric.id().value());
                  }
                  return ids;
                }));
      }
      start.countDown();
      Set<String> expected = new HashSet<>();
      for (Future<List<String>> ids : recorded) {
        expected.addAll(ids.get());
      }

      sink.flush();

      Set<String> stored = new HashSet<>();
      usage()
          .find()
          .projection(new Document("_id", 1))
          .forEach(d -> stored.add(d.getString("_id")));
      assertEquals(producers * each, usage().countDocuments());
      assertEquals(expected, stored);
    }
  }

  @Test
  void a_record_after_close_is_refused_and_a_second_close_does_nothing() {
    sink.close();

    assertThrows(IllegalStateException.class, () -> sink.record(SampleUsage.any()));
    sink.close();
  }

  @Test
  void a_batch_whose_records_are_partly_stored_already_completes_without_duplicates()
      throws Exception {
    // What a retry meets after an attempt that stored some records before the connection broke.
    List<UsageMetric> metrics = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      metrics.add(SampleUsage.any());
    }
    for (int i = 0; i < 20; i += 3) {
      usage().insertOne(UsageDocuments.toDocument(metrics.get(i)));
    }

    metrics.forEach(sink::record);

    assertTrue(sink.flush(Duration.ofSeconds(10)), "duplicate keys count as stored");
    assertEquals(20, usage().countDocuments());
  }

  @Test
  void flush_waits_only_for_what_was_recorded_and_returns_at_once_when_nothing_is_pending()
      throws Exception {
    assertTrue(sink.flush(Duration.ZERO));
    sink.record(SampleUsage.any());

    assertTrue(sink.flush(Duration.ofSeconds(10)));
    assertEquals(1, usage().countDocuments());
    assertTrue(sink.flush(Duration.ZERO));
  }

  @Test
  void a_stored_document_of_another_shape_is_reported_not_half_read() {
    TenantId tenant = TenantId.random();
    usage()
        .insertOne(
            new Document("_id", "not-a-usage-record")
                .append("tenantId", tenant.value())
                .append("occurredAt", new Date())
                .append("prompt", "hello"));

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> records(tenant, 5));

    assertTrue(e.getMessage().contains("not-a-usage-record"), e.getMessage());
  }
}
