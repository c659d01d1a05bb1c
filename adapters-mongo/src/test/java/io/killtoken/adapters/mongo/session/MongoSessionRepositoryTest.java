package io.killtoken.adapters.mongo.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.domain.session.Session;
import io.killtoken.domain.session.SessionId;
import io.killtoken.domain.session.SessionRepository;
import io.killtoken.domain.session.SessionRepositoryContract;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MongoSessionRepositoryTest extends SessionRepositoryContract {

  private static MongoDatabase database;
  private static MongoSessionRepository repository;

  @BeforeAll
  static void freshDatabase() {
    database = MongoFixture.shared().freshDatabase();
    repository = new MongoSessionRepository(database);
  }

  @AfterAll
  static void dropDatabase() {
    database.drop();
  }

  @Override
  protected SessionRepository repository() {
    return repository;
  }

  @Test
  void a_session_is_stored_under_its_hashed_id_with_bson_dates_and_nothing_else() {
    Session session = session(UserId.random(), TenantId.random());
    repository.save(session);

    BsonDocument stored =
        database
            .getCollection("sessions", BsonDocument.class)
            .find(Filters.eq("_id", session.id().hex()))
            .first();

    assertEquals(session.id().hex(), stored.getString("_id").getValue());
    assertEquals(session.userId().value(), stored.getString("userId").getValue());
    assertEquals(session.tenantId().value(), stored.getString("tenantId").getValue());
    assertEquals(session.createdAt().toEpochMilli(), stored.getDateTime("createdAt").getValue());
    assertEquals(session.expiresAt().toEpochMilli(), stored.getDateTime("expiresAt").getValue());
    assertEquals(5, stored.size(), "no other fields: no CSRF token in particular");
  }

  @Test
  void expired_sessions_are_left_to_a_ttl_index_and_users_sessions_are_indexed() {
    List<Document> indexes =
        database.getCollection("sessions").listIndexes().into(new ArrayList<>());

    assertTrue(
        indexes.stream()
            .anyMatch(
                i ->
                    i.get("key", Document.class).equals(new Document("expiresAt", 1))
                        && i.get("expireAfterSeconds") instanceof Number seconds
                        && seconds.longValue() == 0),
        indexes.toString());
    assertTrue(
        indexes.stream()
            .anyMatch(i -> i.get("key", Document.class).equals(new Document("userId", 1))),
        indexes.toString());
  }

  @Test
  void a_stored_document_of_another_shape_is_reported_not_half_read() {
    SessionId id = sessionId();
    database
        .getCollection("sessions")
        .insertOne(new Document("_id", id.hex()).append("userId", "not a user id!"));

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> repository.find(id));

    assertTrue(e.getMessage().contains(id.hex()), e.getMessage());
  }
}
