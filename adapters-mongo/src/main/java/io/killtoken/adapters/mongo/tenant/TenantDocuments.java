package io.killtoken.adapters.mongo.tenant;

import io.killtoken.domain.tenant.Plan;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.tenant.TenantId;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * Maps a {@link Tenant} to its stored shape and back: {@code _id} is the tenant id as a string,
 * {@code plan} the plan's name, {@code createdAt} a BSON date (millisecond precision); a closed
 * tenant also has {@code closedAt} and {@code usageDeletionDue}.
 */
final class TenantDocuments {

  static final String ID = "_id";
  static final String NAME = "name";
  static final String PLAN = "plan";
  static final String CREATED_AT = "createdAt";
  static final String CLOSED_AT = "closedAt";
  static final String USAGE_DELETION_DUE = "usageDeletionDue";

  private TenantDocuments() {}

  static Document toDocument(Tenant tenant) {
    Document document =
        new Document(ID, tenant.id().value())
            .append(NAME, tenant.name())
            .append(PLAN, tenant.plan().name())
            .append(CREATED_AT, Date.from(tenant.createdAt()));
    tenant
        .closure()
        .ifPresent(
            closure ->
                document
                    .append(CLOSED_AT, Date.from(closure.closedAt()))
                    .append(USAGE_DELETION_DUE, Date.from(closure.usageDeletionDue())));
    return document;
  }

  static Tenant fromDocument(Document document) {
    Object id = document.get(ID);
    try {
      return new Tenant(
          new TenantId(document.getString(ID)),
          document.getString(NAME),
          Plan.valueOf(document.getString(PLAN)),
          document.getDate(CREATED_AT).toInstant(),
          document.containsKey(CLOSED_AT)
              ? Optional.of(
                  new Tenant.Closure(
                      document.getDate(CLOSED_AT).toInstant(),
                      document.getDate(USAGE_DELETION_DUE).toInstant()))
              : Optional.empty());
    } catch (RuntimeException e) {
      // Fail loudly with the record at fault rather than serve a half-read tenant.
      throw new IllegalStateException("stored tenant " + id + " does not have the tenant shape", e);
    }
  }
}
