package io.killtoken.adapters.mongo.user;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.user.Email;
import io.killtoken.domain.user.User;
import io.killtoken.domain.user.UserId;
import io.killtoken.domain.user.UserRepository;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;

/**
 * {@link UserRepository} on MongoDB: one document per user in {@code users}, keyed by id, with a
 * unique index on the email.
 */
public final class MongoUserRepository implements UserRepository {

  static final String COLLECTION = "users";

  private final MongoCollection<Document> users;

  public MongoUserRepository(MongoDatabase database) {
    this.users = Objects.requireNonNull(database, "database").getCollection(COLLECTION);
    // The unique index, not a read before the write, is what keeps two sign-ups racing for one
    // address from both succeeding.
    users.createIndex(Indexes.ascending(UserDocuments.EMAIL), new IndexOptions().unique(true));
  }

  @Override
  public boolean insert(User user) {
    Objects.requireNonNull(user, "user");
    try {
      users.insertOne(UserDocuments.toDocument(user));
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void update(User user) {
    Objects.requireNonNull(user, "user");
    // Matching the email and tenant as well means an update can never move a user onto another
    // address or into another tenant, and no upsert means it never creates a user that insert did
    // not check.
    users.replaceOne(
        Filters.and(
            Filters.eq(UserDocuments.ID, user.id().value()),
            Filters.eq(UserDocuments.TENANT_ID, user.tenantId().value()),
            Filters.eq(UserDocuments.EMAIL, user.email().value())),
        UserDocuments.toDocument(user));
  }

  @Override
  public Optional<User> find(UserId id) {
    Objects.requireNonNull(id, "id");
    Document found = users.find(Filters.eq(UserDocuments.ID, id.value())).first();
    return Optional.ofNullable(found).map(UserDocuments::fromDocument);
  }

  @Override
  public Optional<User> findByEmail(Email email) {
    Objects.requireNonNull(email, "email");
    Document found = users.find(Filters.eq(UserDocuments.EMAIL, email.value())).first();
    return Optional.ofNullable(found).map(UserDocuments::fromDocument);
  }

  @Override
  public long deleteAllOf(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return users.deleteMany(Filters.eq(UserDocuments.TENANT_ID, tenant.value())).getDeletedCount();
  }
}
