package io.killtoken.adapters.mongo.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.domain.apikey.ApiKey;
import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.apikey.ApiKeyRepository;
import io.killtoken.domain.apikey.ApiKeyRepositoryContract;
import io.killtoken.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MongoApiKeyRepositoryTest extends ApiKeyRepositoryContract {

  private static MongoDatabase database;
  private static MongoApiKeyRepository repository;

  @BeforeAll
  static void freshDatabase() {
    database = MongoFixture.shared().freshDatabase();
    repository = new MongoApiKeyRepository(database);
  }

  @AfterAll
  static void dropDatabase() {
    database.drop();
  }

  @Override
  protected ApiKeyRepository repository() {
    return repository;
  }

  private static BsonDocument stored(ApiKey key) {
    return database
        .getCollection("api_keys", BsonDocument.class)
        .find(Filters.eq("_id", key.id().value()))
        .first();
  }

  @Test
  void a_key_is_stored_as_its_hash_and_preview_with_typed_limits_and_nothing_else() {
    ApiKey key = fullKey(TenantId.random());
    repository.save(key);

    BsonDocument stored = stored(key);

    assertEquals(key.id().value(), stored.getString("_id").getValue());
    assertEquals(key.tenantId().value(), stored.getString("tenantId").getValue());
    assertEquals(key.name(), stored.getString("name").getValue());
    assertEquals(key.hash().hex(), stored.getString("hash").getValue());
    assertEquals("kt_Zz09…AaBb", stored.getString("preview").getValue());
    assertEquals(
        new BsonArray(List.of(new BsonString("ADMIN"), new BsonString("GATEWAY"))),
        stored.getArray("scopes"));
    assertEquals(600, stored.getInt32("requestsPerMinute").getValue());
    assertTrue(stored.get("monthlyBudgetMicros").isInt64(), "money is int64 micro-dollars");
    assertEquals(12_345_678_901L, stored.getInt64("monthlyBudgetMicros").getValue());
    assertEquals(2_500_000L, stored.getInt64("endUserMonthlyBudgetMicros").getValue());
    assertEquals(
        new BsonArray(
            List.of(new BsonString("claude-3-5-haiku-latest"), new BsonString("gpt-4o-mini"))),
        stored.getArray("allowedModels"));
    assertEquals(
        new BsonArray(
            List.of(new BsonString("claude-3-5-haiku-latest"), new BsonString("gpt-4o-mini"))),
        stored.getArray("fallbackModels"),
        "fallbacks keep their order");
    assertEquals(key.createdAt().toEpochMilli(), stored.getDateTime("createdAt").getValue());
    assertEquals(
        key.lastUsedAt().orElseThrow().toEpochMilli(), stored.getDateTime("lastUsedAt").getValue());
    assertEquals(13, stored.size(), "no other fields");
  }

  @Test
  void limits_and_a_use_that_are_not_set_are_stored_as_nulls() {
    ApiKey key = key(TenantId.random());
    repository.save(key);

    BsonDocument stored = stored(key);

    assertTrue(stored.get("requestsPerMinute").isNull());
    assertTrue(stored.get("monthlyBudgetMicros").isNull());
    assertTrue(stored.get("endUserMonthlyBudgetMicros").isNull());
    assertTrue(stored.get("lastUsedAt").isNull());
    assertEquals(new BsonArray(), stored.getArray("allowedModels"));
    assertEquals(new BsonArray(), stored.getArray("fallbackModels"));
    assertEquals(13, stored.size(), "the same fields as any other key");
  }

  @Test
  void a_refused_save_under_another_tenants_id_writes_nothing() {
    ApiKey victim = key(TenantId.random());
    repository.save(victim);
    BsonDocument before = stored(victim);

    repository.save(key(TenantId.random(), victim.id()));

    assertEquals(before, stored(victim));
    assertEquals(
        1,
        database.getCollection("api_keys").countDocuments(Filters.eq("_id", victim.id().value())));
  }

  @Test
  void the_hash_index_is_unique_and_the_tenant_is_indexed() {
    List<Document> indexes =
        database.getCollection("api_keys").listIndexes().into(new ArrayList<>());

    assertTrue(
        indexes.stream()
            .anyMatch(
                i ->
                    i.get("key", Document.class).equals(new Document("hash", 1))
                        && Boolean.TRUE.equals(i.get("unique"))),
        indexes.toString());
    assertTrue(
        indexes.stream()
            .anyMatch(
                i ->
                    i.get("key", Document.class)
                        .equals(new Document("tenantId", 1).append("_id", 1))),
        indexes.toString());
  }

  @Test
  void a_stored_document_of_another_shape_is_reported_not_half_read() {
    ApiKeyId id = ApiKeyId.random();
    TenantId tenant = TenantId.random();
    database
        .getCollection("api_keys")
        .insertOne(
            new Document("_id", id.value())
                .append("tenantId", tenant.value())
                .append("hash", "not-a-hash")
                .append("scopes", List.of("ROOT")));

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> repository.find(tenant, id));

    assertTrue(e.getMessage().contains(id.value()), e.getMessage());
  }
}
