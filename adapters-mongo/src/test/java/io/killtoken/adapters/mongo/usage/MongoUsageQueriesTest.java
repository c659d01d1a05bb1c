package io.killtoken.adapters.mongo.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.RollupGrain;
import io.killtoken.domain.usage.UsageAttribution;
import io.killtoken.domain.usage.UsageFacet;
import io.killtoken.domain.usage.UsageFilter;
import io.killtoken.domain.usage.UsageMetric;
import io.killtoken.domain.usage.UsageQueries;
import io.killtoken.domain.usage.UsageQueriesContract;
import io.killtoken.domain.usage.UsageRetention;
import io.killtoken.domain.usage.UsageSink;
import io.killtoken.domain.usage.UsageTags;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MongoUsageQueriesTest extends UsageQueriesContract {

  private static MongoDatabase database;
  private static MongoUsageSink sink;
  private static MongoUsageQueries queries;
  private static MongoUsageRetention retention;

  @BeforeAll
  static void freshDatabase() {
    database = MongoFixture.shared().freshDatabase();
    sink = new MongoUsageSink(database);
    queries = new MongoUsageQueries(database);
    retention = new MongoUsageRetention(database);
  }

  @AfterAll
  static void dropDatabase() {
    sink.close();
    database.drop();
  }

  @Override
  protected UsageSink sink() {
    return sink;
  }

  @Override
  protected UsageQueries queries() {
    return queries;
  }

  @Override
  protected UsageRetention retention() {
    return retention;
  }

  @Override
  protected void flush() {
    try {
      sink.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void a_rollup_is_stored_with_its_dimensions_and_int64_counters_under_an_id_built_from_them() {
    TenantId tenant = TenantId.random();
    ApiKeyId key = ApiKeyId.random();
    UsageMetric metric = call(tenant, key, HOUR.plusSeconds(90), 40);
    sink.record(metric);
    flush();

    BsonDocument stored =
        database
            .getCollection("usage_rollups", BsonDocument.class)
            .find(Filters.and(Filters.eq("tenantId", tenant.value()), Filters.eq("grain", "HOUR")))
            .first();

    assertEquals(
        String.join(
            "|",
            tenant.value(),
            "HOUR",
            "" + HOUR.toEpochMilli(),
            key.value(),
            "-",
            "openai",
            "OK",
            "MISS",
            "-",
            "11:gpt-4o-mini",
            ""),
        stored.getString("_id").getValue());
    assertEquals(
        Set.of(
            "_id",
            "tenantId",
            "grain",
            "start",
            "apiKeyId",
            "provider",
            "model",
            "status",
            "cache",
            "requests",
            "tokens",
            "costMicros",
            "latency"),
        stored.keySet(),
        "only the counters the call moved: no errors, cache hits, savings or signals");
    assertEquals(HOUR.toEpochMilli(), stored.getDateTime("start").getValue());
    assertEquals(1L, stored.getInt64("requests").getValue());
    assertEquals(100L, stored.getDocument("tokens").getInt64("input").getValue());
    assertEquals(1_500L, stored.getInt64("costMicros").getValue());
    BsonDocument latency = stored.getDocument("latency");
    assertEquals(Set.of("b3"), latency.keySet(), "40 ms counts in the 50 ms bucket, alone");
    assertEquals(BsonType.INT64, latency.get("b3").getBsonType());
  }

  @Test
  void a_stored_rollup_of_another_shape_is_reported_not_half_read() {
    TenantId tenant = TenantId.random();
    database
        .getCollection("usage_rollups")
        .insertOne(
            new Document("_id", "not-a-rollup")
                .append("tenantId", tenant.value())
                .append("grain", "HOUR")
                .append("start", Date.from(HOUR)));

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                queries.rollups(
                    tenant, RollupGrain.HOUR, Instant.EPOCH, HOUR.plusSeconds(1), UsageFilter.ALL));

    assertTrue(e.getMessage().contains("not-a-rollup"), e.getMessage());
  }

  @Test
  void facet_rollups_are_kept_apart_from_the_plain_ones() throws Exception {
    TenantId tenant = TenantId.random();
    UsageMetric metric =
        call(tenant, ApiKeyId.random(), HOUR.plusSeconds(90), 40)
            .with(
                new UsageAttribution(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    UsageTags.parse("feature=search,customer=acme"),
                    Optional.of("u-1"),
                    0,
                    200,
                    Optional.empty()));
    sink.record(metric);
    flush();

    var plain = database.getCollection("usage_rollups", BsonDocument.class);
    var facets = database.getCollection("usage_facet_rollups", BsonDocument.class);
    assertEquals(2, plain.countDocuments(Filters.eq("tenantId", tenant.value())), "hour and day");
    assertEquals(0, plain.countDocuments(Filters.exists("facetKind")));
    assertEquals(
        6,
        facets.countDocuments(Filters.eq("tenantId", tenant.value())),
        "two tags and the end user, each hourly and daily");
    assertEquals(
        1,
        queries
            .rollups(
                tenant,
                RollupGrain.DAY,
                Instant.EPOCH,
                HOUR.plusSeconds(7_200),
                UsageFilter.ALL,
                Optional.of(UsageFacet.USER))
            .size());
  }
}
