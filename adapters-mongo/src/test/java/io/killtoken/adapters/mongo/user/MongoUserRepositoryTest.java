package io.killtoken.adapters.mongo.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.domain.user.User;
import io.killtoken.domain.user.UserId;
import io.killtoken.domain.user.UserRepository;
import io.killtoken.domain.user.UserRepositoryContract;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MongoUserRepositoryTest extends UserRepositoryContract {

  private static MongoDatabase database;
  private static MongoUserRepository repository;

  @BeforeAll
  static void freshDatabase() {
    database = MongoFixture.shared().freshDatabase();
    repository = new MongoUserRepository(database);
  }

  @AfterAll
  static void dropDatabase() {
    database.drop();
  }

  @Override
  protected UserRepository repository() {
    return repository;
  }

  @Test
  void a_user_is_stored_with_string_fields_a_bson_date_and_nothing_else() {
    User ada = user(freshEmail());
    repository.insert(ada);

    BsonDocument stored =
        database
            .getCollection("users", BsonDocument.class)
            .find(Filters.eq("_id", ada.id().value()))
            .first();

    assertEquals(ada.id().value(), stored.getString("_id").getValue());
    assertEquals(ada.tenantId().value(), stored.getString("tenantId").getValue());
    assertEquals(ada.email().value(), stored.getString("email").getValue());
    assertEquals(ada.passwordHash().encoded(), stored.getString("passwordHash").getValue());
    assertEquals(ada.createdAt().toEpochMilli(), stored.getDateTime("createdAt").getValue());
    assertEquals(5, stored.size(), "no other fields");
  }

  @Test
  void the_email_index_is_unique() {
    List<Document> indexes = database.getCollection("users").listIndexes().into(new ArrayList<>());

    assertTrue(
        indexes.stream()
            .anyMatch(
                i ->
                    i.get("key", Document.class).equals(new Document("email", 1))
                        && Boolean.TRUE.equals(i.get("unique"))),
        indexes.toString());
  }

  @Test
  void opening_the_repository_again_keeps_the_indexes_and_the_users() {
    User ada = user(freshEmail());
    repository.insert(ada);

    MongoUserRepository reopened = new MongoUserRepository(database);

    assertEquals(ada, reopened.find(ada.id()).orElseThrow());
  }

  @Test
  void a_stored_document_of_another_shape_is_reported_not_half_read() {
    UserId id = UserId.random();
    database
        .getCollection("users")
        .insertOne(new Document("_id", id.value()).append("email", "odd@example.com"));

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> repository.find(id));

    assertTrue(e.getMessage().contains(id.value()), e.getMessage());
  }
}
