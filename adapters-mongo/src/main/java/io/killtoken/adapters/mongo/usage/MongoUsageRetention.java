package io.killtoken.adapters.mongo.usage;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.UsageRetention;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * {@link UsageRetention} on MongoDB: {@code deleteMany} through the indexes the reads use (tenant
 * and time first), so a purge costs what it removes. Where the server runs TTL indexes the shadow
 * entries also expire on their own; this deletes them on servers that do not (the embedded one).
 */
public final class MongoUsageRetention implements UsageRetention {

  private final MongoCollection<Document> usage;
  private final MongoCollection<Document> rollups;
  private final MongoCollection<Document> facetRollups;
  private final MongoCollection<Document> shadow;

  public MongoUsageRetention(MongoDatabase database) {
    this.usage = database.getCollection(MongoUsageSink.COLLECTION);
    this.rollups = database.getCollection(RollupDocuments.COLLECTION);
    this.facetRollups = database.getCollection(RollupDocuments.FACET_COLLECTION);
    this.shadow = database.getCollection(ShadowTracker.COLLECTION);
  }

  @Override
  public long deleteRecordsBefore(TenantId tenant, Instant cutoff) {
    return usage
        .deleteMany(
            Filters.and(
                Filters.eq(UsageDocuments.TENANT_ID, tenant.value()),
                Filters.lt(UsageDocuments.OCCURRED_AT, Date.from(cutoff))))
        .getDeletedCount();
  }

  @Override
  public long deleteRollupsBefore(TenantId tenant, Instant cutoff) {
    Bson before =
        Filters.and(
            Filters.eq(UsageDocuments.TENANT_ID, tenant.value()),
            Filters.lt(RollupDocuments.START, Date.from(cutoff)));
    return rollups.deleteMany(before).getDeletedCount()
        + facetRollups.deleteMany(before).getDeletedCount();
  }

  @Override
  public long deleteShadowBefore(Instant cutoff) {
    return shadow.deleteMany(Filters.lt(ShadowTracker.SEEN, Date.from(cutoff))).getDeletedCount();
  }

  @Override
  public long deleteAllOf(TenantId tenant) {
    Bson ofTenant = Filters.eq(UsageDocuments.TENANT_ID, tenant.value());
    long deleted = 0;
    for (MongoCollection<Document> collection : List.of(usage, rollups, facetRollups, shadow)) {
      deleted += collection.deleteMany(ofTenant).getDeletedCount();
    }
    return deleted;
  }
}
