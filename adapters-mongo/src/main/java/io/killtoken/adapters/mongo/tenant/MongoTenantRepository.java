package io.killtoken.adapters.mongo.tenant;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.tenant.TenantRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/** {@link TenantRepository} on MongoDB: one document per tenant in {@code tenants}, keyed by id. */
public final class MongoTenantRepository implements TenantRepository {

  static final String COLLECTION = "tenants";

  private final MongoCollection<Document> tenants;

  public MongoTenantRepository(MongoDatabase database) {
    this.tenants = Objects.requireNonNull(database, "database").getCollection(COLLECTION);
  }

  @Override
  public void save(Tenant tenant) {
    Objects.requireNonNull(tenant, "tenant");
    // Replace-with-upsert on _id is one atomic write: insert or overwrite, never a second copy.
    tenants.replaceOne(
        Filters.eq(TenantDocuments.ID, tenant.id().value()),
        TenantDocuments.toDocument(tenant),
        new ReplaceOptions().upsert(true));
  }

  @Override
  public Optional<Tenant> find(TenantId id) {
    Objects.requireNonNull(id, "id");
    Document found = tenants.find(Filters.eq(TenantDocuments.ID, id.value())).first();
    return Optional.ofNullable(found).map(TenantDocuments::fromDocument);
  }

  @Override
  public Page<Tenant> listAll(PageRequest page) {
    Objects.requireNonNull(page, "page");
    Bson after = page.after().map(a -> Filters.gt(TenantDocuments.ID, a)).orElse(Filters.empty());
    List<Tenant> found =
        tenants
            .find(after)
            .sort(Sorts.ascending(TenantDocuments.ID))
            .limit(page.limit() + 1)
            .map(TenantDocuments::fromDocument)
            .into(new ArrayList<>());
    return Page.of(found, page.limit(), t -> t.id().value());
  }
}
