package io.killtoken.adapters.mongo.export;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.export.ExportFormat;
import io.killtoken.domain.export.ExportId;
import io.killtoken.domain.export.ExportRepository;
import io.killtoken.domain.export.UsageExport;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.CacheResult;
import io.killtoken.domain.usage.UsageFilter;
import io.killtoken.domain.usage.UsageStatus;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * {@link ExportRepository} on MongoDB: collection {@code exports}, {@code _id} the export id, every
 * query matching the tenant; the filters a document has are the ones set.
 */
public final class MongoExportRepository implements ExportRepository {

  private static final String ID = "_id";
  private static final String TENANT_ID = "tenantId";
  private static final String FORMAT = "format";
  private static final String FROM = "from";
  private static final String TO = "to";
  private static final String CREATED_AT = "createdAt";
  private static final String KEY_ID = "keyId";
  private static final String PROVIDER = "provider";
  private static final String MODEL = "model";
  private static final String STATUS = "status";
  private static final String CACHE = "cache";

  private final MongoCollection<Document> exports;

  public MongoExportRepository(MongoDatabase database) {
    this.exports = database.getCollection("exports");
    // Listing a tenant's exports page by page, in id order.
    exports.createIndex(Indexes.ascending(TENANT_ID, ID));
  }

  @Override
  public void save(UsageExport export) {
    exports.replaceOne(
        Filters.eq(ID, export.id().value()), toDocument(export), new ReplaceOptions().upsert(true));
  }

  @Override
  public Optional<UsageExport> find(TenantId tenant, ExportId id) {
    return Optional.ofNullable(
            exports
                .find(
                    Filters.and(Filters.eq(ID, id.value()), Filters.eq(TENANT_ID, tenant.value())))
                .first())
        .map(MongoExportRepository::fromDocument);
  }

  @Override
  public Page<UsageExport> list(TenantId tenant, PageRequest page) {
    Bson filter = Filters.eq(TENANT_ID, tenant.value());
    if (page.after().isPresent()) {
      filter = Filters.and(filter, Filters.gt(ID, page.after().get()));
    }
    // One more than asked: it only tells whether there is a next page.
    List<UsageExport> found =
        exports
            .find(filter)
            .sort(Sorts.ascending(ID))
            .limit(page.limit() + 1)
            .map(MongoExportRepository::fromDocument)
            .into(new ArrayList<>());
    return Page.of(found, page.limit(), e -> e.id().value());
  }

  @Override
  public long deleteAllOf(TenantId tenant) {
    return exports.deleteMany(Filters.eq(TENANT_ID, tenant.value())).getDeletedCount();
  }

  private static Document toDocument(UsageExport export) {
    Document document =
        new Document(ID, export.id().value())
            .append(TENANT_ID, export.tenantId().value())
            .append(FORMAT, export.format().name())
            .append(FROM, Date.from(export.from()))
            .append(TO, Date.from(export.to()))
            .append(CREATED_AT, Date.from(export.createdAt()));
    UsageFilter filter = export.filter();
    filter.apiKeyId().ifPresent(key -> document.append(KEY_ID, key.value()));
    filter.provider().ifPresent(provider -> document.append(PROVIDER, provider.value()));
    filter.model().ifPresent(model -> document.append(MODEL, model));
    filter.status().ifPresent(status -> document.append(STATUS, status.name()));
    filter.cache().ifPresent(cache -> document.append(CACHE, cache.name()));
    return document;
  }

  private static UsageExport fromDocument(Document d) {
    return new UsageExport(
        new ExportId(d.getString(ID)),
        new TenantId(d.getString(TENANT_ID)),
        ExportFormat.valueOf(d.getString(FORMAT)),
        d.getDate(FROM).toInstant(),
        d.getDate(TO).toInstant(),
        new UsageFilter(
            Optional.ofNullable(d.getString(KEY_ID)).map(ApiKeyId::new),
            Optional.ofNullable(d.getString(PROVIDER)).map(ProviderId::new),
            Optional.ofNullable(d.getString(MODEL)),
            Optional.ofNullable(d.getString(STATUS)).map(UsageStatus::valueOf),
            Optional.ofNullable(d.getString(CACHE)).map(CacheResult::valueOf)),
        d.getDate(CREATED_AT).toInstant());
  }
}
