package io.killtoken.adapters.mongo.settings;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.killtoken.domain.settings.SettingsRepository;
import io.killtoken.domain.settings.TenantSettings;
import io.killtoken.domain.tenant.TenantId;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;

/**
 * {@link SettingsRepository} on MongoDB: one document per tenant in {@code settings}, keyed by the
 * tenant id.
 */
public final class MongoSettingsRepository implements SettingsRepository {

  static final String COLLECTION = "settings";

  private final MongoCollection<Document> settings;

  public MongoSettingsRepository(MongoDatabase database) {
    this.settings = Objects.requireNonNull(database, "database").getCollection(COLLECTION);
  }

  @Override
  public Optional<TenantSettings> find(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    Document found = settings.find(Filters.eq(SettingsDocuments.ID, tenant.value())).first();
    return Optional.ofNullable(found).map(SettingsDocuments::fromDocument);
  }

  @Override
  public void save(TenantSettings tenantSettings) {
    Objects.requireNonNull(tenantSettings, "tenantSettings");
    // Keyed by the tenant id, so a tenant can only ever replace its own settings.
    settings.replaceOne(
        Filters.eq(SettingsDocuments.ID, tenantSettings.tenantId().value()),
        SettingsDocuments.toDocument(tenantSettings),
        new ReplaceOptions().upsert(true));
  }

  @Override
  public void delete(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    settings.deleteOne(Filters.eq(SettingsDocuments.ID, tenant.value()));
  }
}
