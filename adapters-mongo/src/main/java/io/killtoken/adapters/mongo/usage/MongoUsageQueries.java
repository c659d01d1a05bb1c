package io.killtoken.adapters.mongo.usage;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.RollupGrain;
import io.killtoken.domain.usage.UsageCursor;
import io.killtoken.domain.usage.UsageFilter;
import io.killtoken.domain.usage.UsageMetric;
import io.killtoken.domain.usage.UsageQueries;
import io.killtoken.domain.usage.UsageRollup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * {@link UsageQueries} on MongoDB: reads the rollups and records {@link MongoUsageSink} writes,
 * every query matching the tenant.
 */
public final class MongoUsageQueries implements UsageQueries {

  private static final int EACH_BATCH = 1_000;

  private final MongoCollection<Document> usage;
  private final MongoCollection<Document> rollups;
  private final MongoCollection<Document> facetRollups;

  public MongoUsageQueries(MongoDatabase database) {
    Objects.requireNonNull(database, "database");
    this.usage = database.getCollection(MongoUsageSink.COLLECTION);
    this.rollups = database.getCollection(RollupDocuments.COLLECTION);
    this.facetRollups = database.getCollection(RollupDocuments.FACET_COLLECTION);
  }

  /** The rollups in order of their start (served by the tenant, grain, start index). */
  @Override
  public List<UsageRollup> rollups(
      TenantId tenant,
      RollupGrain grain,
      Instant from,
      Instant to,
      UsageFilter filter,
      Optional<String> facetKind) {
    Objects.requireNonNull(grain, "grain");
    List<Bson> conditions = matching(tenant, filter);
    conditions.add(Filters.eq(RollupDocuments.GRAIN, grain.name()));
    // A plain rollup has no facet kind at all (eq null matches the missing field).
    conditions.add(Filters.eq(RollupDocuments.FACET_KIND, facetKind.orElse(null)));
    conditions.add(Filters.gte(RollupDocuments.START, Date.from(from)));
    conditions.add(Filters.lt(RollupDocuments.START, Date.from(to)));
    return (facetKind.isPresent() ? facetRollups : rollups)
        .find(Filters.and(conditions))
        .sort(Sorts.ascending(RollupDocuments.START))
        .map(RollupDocuments::fromDocument)
        .into(new ArrayList<>());
  }

  @Override
  public Page<UsageMetric> records(
      TenantId tenant, Instant from, Instant to, UsageFilter filter, PageRequest page) {
    Objects.requireNonNull(page, "page");
    // Before any query, so that a cursor we did not write is refused whatever is stored.
    Optional<UsageCursor> after = page.after().map(UsageCursor::parse);
    List<Bson> conditions = matching(tenant, filter);
    conditions.add(Filters.gte(UsageDocuments.OCCURRED_AT, Date.from(from)));
    conditions.add(Filters.lt(UsageDocuments.OCCURRED_AT, Date.from(to)));
    after.ifPresent(cursor -> conditions.add(before(cursor)));
    // One more than asked: it only tells whether there is a next page.
    List<UsageMetric> found =
        usage
            .find(Filters.and(conditions))
            .sort(Sorts.descending(UsageDocuments.OCCURRED_AT, UsageDocuments.ID))
            .limit(page.limit() + 1)
            .map(UsageDocuments::fromDocument)
            .into(new ArrayList<>());
    return Page.of(found, page.limit(), m -> UsageCursor.after(m).token());
  }

  /** Oldest first by the same index; the driver fetches a batch at a time. */
  @Override
  public void each(
      TenantId tenant, Instant from, Instant to, UsageFilter filter, Consumer<UsageMetric> each) {
    List<Bson> conditions = matching(tenant, filter);
    conditions.add(Filters.gte(UsageDocuments.OCCURRED_AT, Date.from(from)));
    conditions.add(Filters.lt(UsageDocuments.OCCURRED_AT, Date.from(to)));
    try (MongoCursor<Document> cursor =
        usage
            .find(Filters.and(conditions))
            .sort(Sorts.ascending(UsageDocuments.OCCURRED_AT, UsageDocuments.ID))
            .batchSize(EACH_BATCH)
            .cursor()) {
      while (cursor.hasNext()) {
        each.accept(UsageDocuments.fromDocument(cursor.next()));
      }
    }
  }

  /** Records after the cursor in newest-first order: older, or as old with a smaller id. */
  private static Bson before(UsageCursor cursor) {
    Date at = Date.from(cursor.occurredAt());
    return Filters.or(
        Filters.lt(UsageDocuments.OCCURRED_AT, at),
        Filters.and(
            Filters.eq(UsageDocuments.OCCURRED_AT, at),
            Filters.lt(UsageDocuments.ID, cursor.id().value())));
  }

  /** The tenant and the filter's dimensions, which records and rollups name alike. */
  private static List<Bson> matching(TenantId tenant, UsageFilter filter) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(filter, "filter");
    List<Bson> conditions = new ArrayList<>();
    conditions.add(Filters.eq(UsageDocuments.TENANT_ID, tenant.value()));
    filter
        .apiKeyId()
        .ifPresent(k -> conditions.add(Filters.eq(UsageDocuments.API_KEY_ID, k.value())));
    filter
        .provider()
        .ifPresent(p -> conditions.add(Filters.eq(UsageDocuments.PROVIDER, p.value())));
    filter.model().ifPresent(m -> conditions.add(Filters.eq(UsageDocuments.MODEL, m)));
    filter.status().ifPresent(s -> conditions.add(Filters.eq(UsageDocuments.STATUS, s.name())));
    filter.cache().ifPresent(c -> conditions.add(Filters.eq(UsageDocuments.CACHE, c.name())));
    return conditions;
  }
}
