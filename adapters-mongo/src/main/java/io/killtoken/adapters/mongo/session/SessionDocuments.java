package io.killtoken.adapters.mongo.session;

import io.killtoken.domain.session.Session;
import io.killtoken.domain.session.SessionId;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.user.UserId;
import java.util.Date;
import org.bson.Document;

/**
 * Maps a {@link Session} to its stored shape and back: {@code _id} is the session id (the SHA-256
 * hex of the cookie token, never the token), the times are BSON dates. No CSRF token is stored: it
 * is derived from the id under the server key.
 */
final class SessionDocuments {

  static final String ID = "_id";
  static final String USER_ID = "userId";
  static final String TENANT_ID = "tenantId";
  static final String CREATED_AT = "createdAt";
  static final String EXPIRES_AT = "expiresAt";

  private SessionDocuments() {}

  static Document toDocument(Session session) {
    return new Document(ID, session.id().hex())
        .append(USER_ID, session.userId().value())
        .append(TENANT_ID, session.tenantId().value())
        .append(CREATED_AT, Date.from(session.createdAt()))
        .append(EXPIRES_AT, Date.from(session.expiresAt()));
  }

  static Session fromDocument(Document document) {
    Object id = document.get(ID);
    try {
      return new Session(
          new SessionId(document.getString(ID)),
          new UserId(document.getString(USER_ID)),
          new TenantId(document.getString(TENANT_ID)),
          document.getDate(CREATED_AT).toInstant(),
          document.getDate(EXPIRES_AT).toInstant());
    } catch (RuntimeException e) {
      // Fail loudly rather than let a half-read session authenticate anyone.
      throw new IllegalStateException(
          "stored session " + id + " does not have the session shape", e);
    }
  }
}
