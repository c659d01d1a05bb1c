package io.killtoken.adapters.mongo.session;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.killtoken.domain.session.Session;
import io.killtoken.domain.session.SessionId;
import io.killtoken.domain.session.SessionRepository;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.user.UserId;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * {@link SessionRepository} on MongoDB: one document per session in {@code sessions}, keyed by the
 * session id, purged by a TTL index once it expires.
 */
public final class MongoSessionRepository implements SessionRepository {

  static final String COLLECTION = "sessions";

  private final MongoCollection<Document> sessions;

  public MongoSessionRepository(MongoDatabase database) {
    this.sessions = Objects.requireNonNull(database, "database").getCollection(COLLECTION);
    // A password change ends every session of the user: find them without a collection scan.
    sessions.createIndex(Indexes.ascending(SessionDocuments.USER_ID));
    // MongoDB's TTL monitor deletes a session about a minute after it expires, so abandoned
    // sessions do not pile up. Reads do not rely on it: the application checks the expiry itself.
    sessions.createIndex(
        Indexes.ascending(SessionDocuments.EXPIRES_AT),
        new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
  }

  @Override
  public void save(Session session) {
    Objects.requireNonNull(session, "session");
    sessions.replaceOne(
        Filters.eq(SessionDocuments.ID, session.id().hex()),
        SessionDocuments.toDocument(session),
        new ReplaceOptions().upsert(true));
  }

  @Override
  public Optional<Session> find(SessionId id) {
    Objects.requireNonNull(id, "id");
    Document found = sessions.find(Filters.eq(SessionDocuments.ID, id.hex())).first();
    return Optional.ofNullable(found).map(SessionDocuments::fromDocument);
  }

  @Override
  public void delete(SessionId id) {
    Objects.requireNonNull(id, "id");
    sessions.deleteOne(Filters.eq(SessionDocuments.ID, id.hex()));
  }

  @Override
  public long deleteAllOf(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return sessions
        .deleteMany(Filters.eq(SessionDocuments.TENANT_ID, tenant.value()))
        .getDeletedCount();
  }

  @Override
  public long deleteForUser(UserId user) {
    Objects.requireNonNull(user, "user");
    return sessions
        .deleteMany(Filters.eq(SessionDocuments.USER_ID, user.value()))
        .getDeletedCount();
  }
}
