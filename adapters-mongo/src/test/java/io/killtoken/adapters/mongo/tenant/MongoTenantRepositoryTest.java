package io.killtoken.adapters.mongo.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.domain.tenant.Plan;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.tenant.TenantRepository;
import io.killtoken.domain.tenant.TenantRepositoryContract;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MongoTenantRepositoryTest extends TenantRepositoryContract {

  private static MongoDatabase database;
  private static MongoTenantRepository repository;

  @BeforeAll
  static void freshDatabase() {
    database = MongoFixture.shared().freshDatabase();
    repository = new MongoTenantRepository(database);
  }

  @AfterAll
  static void dropDatabase() {
    database.drop();
  }

  @Override
  protected TenantRepository repository() {
    return repository;
  }

  @Test
  void a_tenant_is_stored_with_a_string_id_and_a_bson_date() {
    Tenant acme = tenant("Acme");
    repository.save(acme.withPlan(Plan.PRO));

    BsonDocument stored =
        database
            .getCollection("tenants", BsonDocument.class)
            .find(Filters.eq("_id", acme.id().value()))
            .first();

    assertTrue(stored.get("_id").isString(), "_id is the id as a string");
    assertEquals(acme.id().value(), stored.getString("_id").getValue());
    assertEquals("Acme", stored.getString("name").getValue());
    assertEquals("PRO", stored.getString("plan").getValue());
    assertTrue(stored.get("createdAt").isDateTime(), "createdAt is a BSON date");
    assertEquals(
        acme.createdAt().toEpochMilli(),
        stored.getDateTime("createdAt").getValue(),
        "same instant");
    assertEquals(4, stored.size(), "no other fields");
  }

  @Test
  void saving_twice_keeps_one_document() {
    Tenant acme = tenant("Acme");
    repository.save(acme);
    repository.save(acme.withPlan(Plan.ENTERPRISE));

    assertEquals(
        1, database.getCollection("tenants").countDocuments(Filters.eq("_id", acme.id().value())));
  }

  @Test
  void a_stored_document_of_another_shape_is_reported_not_half_read() {
    TenantId id = TenantId.random();
    database
        .getCollection("tenants")
        .insertOne(new Document("_id", id.value()).append("name", "Odd").append("plan", "GOLD"));

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> repository.find(id));

    assertTrue(e.getMessage().contains(id.value()), e.getMessage());
  }
}
