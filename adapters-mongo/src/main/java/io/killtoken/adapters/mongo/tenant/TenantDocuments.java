package io.killtoken.adapters.mongo.tenant;

import io.killtoken.domain.tenant.Plan;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.tenant.TenantId;
import java.util.Date;
import org.bson.Document;

/**
 * Maps a {@link Tenant} to its stored shape and back: {@code _id} is the tenant id as a string,
 * {@code plan} the plan's name, {@code createdAt} a BSON date (millisecond precision).
 */
final class TenantDocuments {

  static final String ID = "_id";
  static final String NAME = "name";
  static final String PLAN = "plan";
  static final String CREATED_AT = "createdAt";

  private TenantDocuments() {}

  static Document toDocument(Tenant tenant) {
    return new Document(ID, tenant.id().value())
        .append(NAME, tenant.name())
        .append(PLAN, tenant.plan().name())
        .append(CREATED_AT, Date.from(tenant.createdAt()));
  }

  static Tenant fromDocument(Document document) {
    Object id = document.get(ID);
    try {
      return new Tenant(
          new TenantId(document.getString(ID)),
          document.getString(NAME),
          Plan.valueOf(document.getString(PLAN)),
          document.getDate(CREATED_AT).toInstant());
    } catch (RuntimeException e) {
      // Fail loudly with the record at fault rather than serve a half-read tenant.
      throw new IllegalStateException("stored tenant " + id + " does not have the tenant shape", e);
    }
  }
}
