package io.killtoken.adapters.mongo.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.domain.settings.SettingsRepository;
import io.killtoken.domain.settings.SettingsRepositoryContract;
import io.killtoken.domain.settings.TenantSettings;
import io.killtoken.domain.tenant.TenantId;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MongoSettingsRepositoryTest extends SettingsRepositoryContract {

  private static MongoDatabase database;
  private static MongoSettingsRepository repository;

  @BeforeAll
  static void freshDatabase() {
    database = MongoFixture.shared().freshDatabase();
    repository = new MongoSettingsRepository(database);
  }

  @AfterAll
  static void dropDatabase() {
    database.drop();
  }

  @Override
  protected SettingsRepository repository() {
    return repository;
  }

  @Test
  void settings_are_stored_under_the_tenant_id_with_the_ttl_as_int64_seconds_and_nothing_else() {
    TenantSettings settings = chosen(TenantId.random());
    repository.save(settings);

    BsonDocument stored =
        database
            .getCollection("settings", BsonDocument.class)
            .find(Filters.eq("_id", settings.tenantId().value()))
            .first();

    assertEquals(settings.tenantId().value(), stored.getString("_id").getValue());
    assertTrue(stored.getBoolean("promptStorage").getValue());
    assertEquals("ALL", stored.getString("cacheMode").getValue());
    assertTrue(stored.get("cacheTtlSeconds").isInt64(), "the TTL is an int64");
    assertEquals(90_061L, stored.getInt64("cacheTtlSeconds").getValue());
    assertEquals(3650, stored.getInt32("retentionDays").getValue());
    assertTrue(stored.getBoolean("plainEndUserIds").getValue());
    assertEquals(6, stored.size(), "no other fields");
  }

  @Test
  void settings_saved_before_the_end_user_choice_existed_keep_ids_hashed() {
    TenantId tenant = TenantId.random();
    database
        .getCollection("settings")
        .insertOne(
            new Document("_id", tenant.value())
                .append("promptStorage", false)
                .append("cacheMode", "OFF")
                .append("cacheTtlSeconds", 60L)
                .append("retentionDays", 30));

    assertFalse(repository.find(tenant).orElseThrow().plainEndUserIds());
  }

  @Test
  void saving_twice_keeps_one_document() {
    TenantSettings settings = TenantSettings.defaults(TenantId.random());
    repository.save(settings);
    repository.save(chosen(settings.tenantId()));

    assertEquals(
        1,
        database
            .getCollection("settings")
            .countDocuments(Filters.eq("_id", settings.tenantId().value())));
  }

  @Test
  void a_stored_document_of_another_shape_is_reported_not_half_read() {
    TenantId tenant = TenantId.random();
    database
        .getCollection("settings")
        .insertOne(new Document("_id", tenant.value()).append("promptStorage", "yes"));

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> repository.find(tenant));

    assertTrue(e.getMessage().contains(tenant.value()), e.getMessage());
  }
}
