package io.killtoken.adapters.mongo.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.domain.credential.Credential;
import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.credential.CredentialRepository;
import io.killtoken.domain.credential.CredentialRepositoryContract;
import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MongoCredentialRepositoryTest extends CredentialRepositoryContract {

  private static MongoDatabase database;
  private static MongoCredentialRepository repository;

  @BeforeAll
  static void freshDatabase() {
    database = MongoFixture.shared().freshDatabase();
    repository = new MongoCredentialRepository(database);
  }

  @AfterAll
  static void dropDatabase() {
    database.drop();
  }

  @Override
  protected CredentialRepository repository() {
    return repository;
  }

  private static BsonDocument stored(Credential credential) {
    return database
        .getCollection("credentials", BsonDocument.class)
        .find(Filters.eq("_id", credential.id().value()))
        .first();
  }

  @Test
  void a_credential_is_stored_as_its_ciphertext_and_preview_and_nothing_else() {
    Credential credential =
        credential(TenantId.random(), ANTHROPIC, Instant.parse("2026-11-05T01:02:03.004Z"));
    repository.save(credential);

    BsonDocument stored = stored(credential);

    assertEquals(credential.id().value(), stored.getString("_id").getValue());
    assertEquals(credential.tenantId().value(), stored.getString("tenantId").getValue());
    assertEquals("anthropic", stored.getString("provider").getValue());
    assertEquals(credential.label(), stored.getString("label").getValue());
    assertEquals(credential.secret().base64(), stored.getString("sealedSecret").getValue());
    assertEquals("sk-…a1b2", stored.getString("preview").getValue());
    assertEquals(credential.createdAt().toEpochMilli(), stored.getDateTime("createdAt").getValue());
    assertEquals(credential.rotatedAt().toEpochMilli(), stored.getDateTime("rotatedAt").getValue());
    assertEquals(8, stored.size(), "no other fields");
  }

  @Test
  void a_base_url_is_stored_as_plain_text_beside_the_ciphertext() {
    Credential credential = withBaseUrl(credential(TenantId.random()));
    repository.save(credential);

    BsonDocument stored = stored(credential);

    assertEquals(BASE_URL.toString(), stored.getString("baseUrl").getValue());
    assertEquals(9, stored.size(), "no other fields");
  }

  @Test
  void a_document_written_before_base_urls_existed_reads_as_a_credential_without_one() {
    CredentialId id = CredentialId.random();
    TenantId tenant = TenantId.random();
    Date when = Date.from(Instant.parse("2026-01-02T03:04:05Z"));
    database
        .getCollection("credentials")
        .insertOne(
            new Document("_id", id.value())
                .append("tenantId", tenant.value())
                .append("provider", "openai")
                .append("label", "old")
                .append("sealedSecret", "c2VhbGVk")
                .append("preview", "sk-…old1")
                .append("createdAt", when)
                .append("rotatedAt", when));

    Credential found = repository.find(tenant, id).orElseThrow();

    assertEquals(Optional.empty(), found.baseUrl());
    assertEquals("old", found.label());
  }

  @Test
  void a_stored_base_url_that_is_not_an_http_url_is_reported_not_used() {
    Credential credential = credential(TenantId.random());
    repository.save(credential);
    database
        .getCollection("credentials")
        .updateOne(
            Filters.eq("_id", credential.id().value()),
            new Document("$set", new Document("baseUrl", "file:///etc/passwd")));

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> repository.find(credential.tenantId(), credential.id()));

    assertTrue(e.getMessage().contains(credential.id().value()), e.getMessage());
  }

  @Test
  void a_refused_save_under_another_tenants_id_writes_nothing() {
    Credential victim = credential(TenantId.random());
    repository.save(victim);
    BsonDocument before = stored(victim);
    Credential forged =
        new Credential(
            victim.id(),
            TenantId.random(),
            victim.provider(),
            "forged",
            victim.secret(),
            victim.preview(),
            victim.createdAt(),
            victim.rotatedAt());

    repository.save(forged);

    assertEquals(before, stored(victim));
    assertEquals(
        1,
        database
            .getCollection("credentials")
            .countDocuments(Filters.eq("_id", victim.id().value())));
  }

  @Test
  void the_provider_lookup_and_the_tenants_list_are_indexed() {
    List<Document> indexes =
        database.getCollection("credentials").listIndexes().into(new ArrayList<>());

    assertTrue(
        indexes.stream()
            .anyMatch(
                i ->
                    i.get("key", Document.class)
                        .equals(
                            new Document("tenantId", 1)
                                .append("provider", 1)
                                .append("rotatedAt", -1)
                                .append("_id", 1))),
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
    CredentialId id = CredentialId.random();
    TenantId tenant = TenantId.random();
    database
        .getCollection("credentials")
        .insertOne(
            new Document("_id", id.value())
                .append("tenantId", tenant.value())
                .append("provider", "OpenAI!"));

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> repository.find(tenant, id));

    assertTrue(e.getMessage().contains(id.value()), e.getMessage());
  }
}
