package io.killtoken.adapters.mongo.credential;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.killtoken.domain.credential.Credential;
import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.credential.CredentialRepository;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.SealedSecret;
import io.killtoken.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CredentialRepository} on MongoDB: one document per sealed credential in {@code
 * credentials}, keyed by id. Every tenant-facing write and read matches the tenant.
 */
public final class MongoCredentialRepository implements CredentialRepository {

  static final String COLLECTION = "credentials";

  private static final Logger LOG = LoggerFactory.getLogger(MongoCredentialRepository.class);

  private final MongoCollection<Document> credentials;

  public MongoCredentialRepository(MongoDatabase database) {
    this.credentials = Objects.requireNonNull(database, "database").getCollection(COLLECTION);
    // The gateway's lookup on every request: a tenant's newest credential for a provider, with the
    // id as tie-break so that the index answers the whole sort.
    credentials.createIndex(
        Indexes.compoundIndex(
            Indexes.ascending(CredentialDocuments.TENANT_ID, CredentialDocuments.PROVIDER),
            Indexes.descending(CredentialDocuments.ROTATED_AT),
            Indexes.ascending(CredentialDocuments.ID)));
    // Tenant first, then id: serves both the tenant filter and the id order of list pages.
    credentials.createIndex(
        Indexes.ascending(CredentialDocuments.TENANT_ID, CredentialDocuments.ID));
  }

  @Override
  public void save(Credential credential) {
    Objects.requireNonNull(credential, "credential");
    try {
      // The tenant is part of the filter, so another tenant's credential never matches; the upsert
      // then collides with its _id and is refused instead of overwriting it.
      credentials.replaceOne(
          owned(credential.tenantId(), credential.id()),
          CredentialDocuments.toDocument(credential),
          new ReplaceOptions().upsert(true));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      LOG.warn(
          "credential {} not saved: its id belongs to another tenant", credential.id().value());
    }
  }

  @Override
  public Optional<Credential> find(TenantId tenant, CredentialId id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    Document found = credentials.find(owned(tenant, id)).first();
    return Optional.ofNullable(found).map(CredentialDocuments::fromDocument);
  }

  @Override
  public boolean replaceSecret(Credential credential, SealedSecret expected) {
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(expected, "expected");
    return credentials
            .replaceOne(
                Filters.and(
                    owned(credential.tenantId(), credential.id()),
                    Filters.eq(CredentialDocuments.SEALED_SECRET, expected.base64())),
                CredentialDocuments.toDocument(credential))
            .getMatchedCount()
        == 1;
  }

  @Override
  public Optional<Credential> findForProvider(TenantId tenant, ProviderId provider) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(provider, "provider");
    Document found =
        credentials
            .find(
                Filters.and(
                    Filters.eq(CredentialDocuments.TENANT_ID, tenant.value()),
                    Filters.eq(CredentialDocuments.PROVIDER, provider.value())))
            .sort(
                Sorts.orderBy(
                    Sorts.descending(CredentialDocuments.ROTATED_AT),
                    Sorts.ascending(CredentialDocuments.ID)))
            .limit(1)
            .first();
    return Optional.ofNullable(found).map(CredentialDocuments::fromDocument);
  }

  @Override
  public Page<Credential> list(TenantId tenant, PageRequest page) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(page, "page");
    return page(List.of(Filters.eq(CredentialDocuments.TENANT_ID, tenant.value())), page);
  }

  @Override
  public Page<Credential> listAll(PageRequest page) {
    Objects.requireNonNull(page, "page");
    return page(List.of(), page);
  }

  @Override
  public boolean delete(TenantId tenant, CredentialId id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    return credentials.deleteOne(owned(tenant, id)).getDeletedCount() == 1;
  }

  @Override
  public long deleteAllOf(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return credentials
        .deleteMany(Filters.eq(CredentialDocuments.TENANT_ID, tenant.value()))
        .getDeletedCount();
  }

  private Page<Credential> page(List<Bson> scope, PageRequest page) {
    List<Bson> conditions = new ArrayList<>(scope);
    page.after().ifPresent(after -> conditions.add(Filters.gt(CredentialDocuments.ID, after)));
    Bson filter = conditions.isEmpty() ? Filters.empty() : Filters.and(conditions);
    // One more than asked: it only tells whether there is a next page.
    List<Credential> found =
        credentials
            .find(filter)
            .sort(Sorts.ascending(CredentialDocuments.ID))
            .limit(page.limit() + 1)
            .map(CredentialDocuments::fromDocument)
            .into(new ArrayList<>());
    return Page.of(found, page.limit(), c -> c.id().value());
  }

  private static Bson owned(TenantId tenant, CredentialId id) {
    return Filters.and(
        Filters.eq(CredentialDocuments.ID, id.value()),
        Filters.eq(CredentialDocuments.TENANT_ID, tenant.value()));
  }
}
