package io.killtoken.adapters.mongo.user;

import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.user.Email;
import io.killtoken.domain.user.PasswordHash;
import io.killtoken.domain.user.User;
import io.killtoken.domain.user.UserId;
import java.util.Date;
import org.bson.Document;

/**
 * Maps a {@link User} to its stored shape and back: {@code _id} is the user id as a string, {@code
 * email} the normalised address, {@code passwordHash} the self-describing hash, {@code createdAt} a
 * BSON date.
 */
final class UserDocuments {

  static final String ID = "_id";
  static final String TENANT_ID = "tenantId";
  static final String EMAIL = "email";
  static final String PASSWORD_HASH = "passwordHash";
  static final String CREATED_AT = "createdAt";

  private UserDocuments() {}

  static Document toDocument(User user) {
    return new Document(ID, user.id().value())
        .append(TENANT_ID, user.tenantId().value())
        .append(EMAIL, user.email().value())
        .append(PASSWORD_HASH, user.passwordHash().encoded())
        .append(CREATED_AT, Date.from(user.createdAt()));
  }

  static User fromDocument(Document document) {
    Object id = document.get(ID);
    try {
      return new User(
          new UserId(document.getString(ID)),
          new TenantId(document.getString(TENANT_ID)),
          new Email(document.getString(EMAIL)),
          new PasswordHash(document.getString(PASSWORD_HASH)),
          document.getDate(CREATED_AT).toInstant());
    } catch (RuntimeException e) {
      // Fail loudly with the record at fault rather than sign in a half-read user.
      throw new IllegalStateException("stored user " + id + " does not have the user shape", e);
    }
  }
}
