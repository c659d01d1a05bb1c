package io.killtoken.adapters.mongo.usage;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.UsageMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bson.Document;

/**
 * Reads the usage records {@link MongoUsageSink} stored, always within one tenant, newest first.
 */
public final class MongoUsageRecords {

  /** The most records one read returns. */
  public static final int MAX_LIMIT = 1_000;

  private final MongoCollection<Document> usage;

  public MongoUsageRecords(MongoDatabase database) {
    this.usage =
        Objects.requireNonNull(database, "database").getCollection(MongoUsageSink.COLLECTION);
  }

  /**
   * The tenant's latest records, newest first; records of the same millisecond by descending id, so
   * the order is stable.
   *
   * @throws IllegalArgumentException unless {@code 1 <= limit <= MAX_LIMIT}
   */
  public List<UsageMetric> forTenant(TenantId tenant, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
    return usage
        .find(Filters.eq(UsageDocuments.TENANT_ID, tenant.value()))
        .sort(Sorts.descending(UsageDocuments.OCCURRED_AT, UsageDocuments.ID))
        .limit(limit)
        .map(UsageDocuments::fromDocument)
        .into(new ArrayList<>());
  }
}
