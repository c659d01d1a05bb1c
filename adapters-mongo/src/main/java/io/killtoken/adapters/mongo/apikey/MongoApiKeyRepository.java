package io.killtoken.adapters.mongo.apikey;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.killtoken.domain.apikey.ApiKey;
import io.killtoken.domain.apikey.ApiKeyHash;
import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.apikey.ApiKeyRepository;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ApiKeyRepository} on MongoDB: one document per key in {@code api_keys}, keyed by id, with
 * a unique index on the hash. Every write and every read but the hash lookup matches the tenant.
 */
public final class MongoApiKeyRepository implements ApiKeyRepository {

  static final String COLLECTION = "api_keys";

  private static final Logger LOG = LoggerFactory.getLogger(MongoApiKeyRepository.class);

  private final MongoCollection<Document> keys;

  public MongoApiKeyRepository(MongoDatabase database) {
    this.keys = Objects.requireNonNull(database, "database").getCollection(COLLECTION);
    // Every gateway request looks its key up by hash, and one hash must open one key only.
    keys.createIndex(Indexes.ascending(ApiKeyDocuments.HASH), new IndexOptions().unique(true));
    // Tenant first, then id: serves both the tenant filter and the id order of list pages.
    keys.createIndex(Indexes.ascending(ApiKeyDocuments.TENANT_ID, ApiKeyDocuments.ID));
  }

  @Override
  public void save(ApiKey key) {
    Objects.requireNonNull(key, "key");
    try {
      // The tenant is part of the filter, so another tenant's key never matches; the upsert then
      // collides with that key's _id and the unique index refuses it instead of overwriting it.
      keys.replaceOne(
          owned(key.tenantId(), key.id()),
          ApiKeyDocuments.toDocument(key),
          new ReplaceOptions().upsert(true));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      LOG.warn("API key {} not saved: its id or hash belongs to another key", key.id().value());
    }
  }

  @Override
  public boolean replace(ApiKey key) {
    Objects.requireNonNull(key, "key");
    // No upsert: a key revoked between read and write stays revoked.
    return keys.replaceOne(
                Filters.and(
                    owned(key.tenantId(), key.id()),
                    Filters.eq(ApiKeyDocuments.HASH, key.hash().hex())),
                ApiKeyDocuments.toDocument(key))
            .getMatchedCount()
        == 1;
  }

  @Override
  public Optional<ApiKey> findByHash(ApiKeyHash hash) {
    Objects.requireNonNull(hash, "hash");
    Document found = keys.find(Filters.eq(ApiKeyDocuments.HASH, hash.hex())).first();
    return Optional.ofNullable(found).map(ApiKeyDocuments::fromDocument);
  }

  @Override
  public Optional<ApiKey> find(TenantId tenant, ApiKeyId id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    Document found = keys.find(owned(tenant, id)).first();
    return Optional.ofNullable(found).map(ApiKeyDocuments::fromDocument);
  }

  @Override
  public Page<ApiKey> list(TenantId tenant, PageRequest page) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(page, "page");
    Bson filter = Filters.eq(ApiKeyDocuments.TENANT_ID, tenant.value());
    if (page.after().isPresent()) {
      filter = Filters.and(filter, Filters.gt(ApiKeyDocuments.ID, page.after().get()));
    }
    // One more than asked: it only tells whether there is a next page.
    List<ApiKey> found =
        keys.find(filter)
            .sort(Sorts.ascending(ApiKeyDocuments.ID))
            .limit(page.limit() + 1)
            .map(ApiKeyDocuments::fromDocument)
            .into(new ArrayList<>());
    return Page.of(found, page.limit(), k -> k.id().value());
  }

  @Override
  public boolean delete(TenantId tenant, ApiKeyId id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    return keys.deleteOne(owned(tenant, id)).getDeletedCount() == 1;
  }

  @Override
  public long deleteAllOf(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return keys.deleteMany(Filters.eq(ApiKeyDocuments.TENANT_ID, tenant.value())).getDeletedCount();
  }

  @Override
  public void recordUse(ApiKeyId id, Instant usedAt) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(usedAt, "usedAt");
    Date when = Date.from(usedAt);
    // One conditional update, so concurrent requests cannot move the time back; no upsert, so a
    // use recorded just after a revocation cannot bring the key back.
    keys.updateOne(
        Filters.and(
            Filters.eq(ApiKeyDocuments.ID, id.value()),
            Filters.or(
                Filters.eq(ApiKeyDocuments.LAST_USED_AT, null),
                Filters.lt(ApiKeyDocuments.LAST_USED_AT, when))),
        Updates.set(ApiKeyDocuments.LAST_USED_AT, when));
  }

  private static Bson owned(TenantId tenant, ApiKeyId id) {
    return Filters.and(
        Filters.eq(ApiKeyDocuments.ID, id.value()),
        Filters.eq(ApiKeyDocuments.TENANT_ID, tenant.value()));
  }
}
