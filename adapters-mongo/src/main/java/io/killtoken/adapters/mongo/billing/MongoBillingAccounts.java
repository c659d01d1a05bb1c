package io.killtoken.adapters.mongo.billing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.killtoken.domain.billing.BillingAccount;
import io.killtoken.domain.billing.BillingAccountRepository;
import io.killtoken.domain.billing.SubscriptionStatus;
import io.killtoken.domain.tenant.Plan;
import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;

/**
 * {@link BillingAccountRepository} on MongoDB: one document per tenant in {@code billing_accounts},
 * keyed by the tenant id, with a unique sparse index on the Stripe customer id (one tenant per
 * customer).
 */
public final class MongoBillingAccounts implements BillingAccountRepository {

  static final String COLLECTION = "billing_accounts";

  private static final String ID = "_id";
  private static final String CUSTOMER = "customerId";
  private static final String SUBSCRIPTION = "subscriptionId";
  private static final String STATUS = "status";
  private static final String SUBSCRIBED = "subscribed";
  private static final String PERIOD_END = "periodEnd";
  private static final String LAST_CHANGE = "lastChange";
  private static final String PAYMENT_FAILED_AT = "paymentFailedAt";

  private final MongoCollection<Document> accounts;

  public MongoBillingAccounts(MongoDatabase database) {
    this.accounts = Objects.requireNonNull(database, "database").getCollection(COLLECTION);
    accounts.createIndex(Indexes.ascending(CUSTOMER), new IndexOptions().unique(true).sparse(true));
  }

  @Override
  public void save(BillingAccount account) {
    Document document = new Document(ID, account.tenantId().value());
    account.customerId().ifPresent(id -> document.append(CUSTOMER, id));
    account.subscriptionId().ifPresent(id -> document.append(SUBSCRIPTION, id));
    document
        .append(STATUS, account.status().name())
        .append(SUBSCRIBED, account.subscribed().name());
    account.periodEnd().ifPresent(at -> document.append(PERIOD_END, Date.from(at)));
    account.lastChange().ifPresent(at -> document.append(LAST_CHANGE, Date.from(at)));
    account.paymentFailedAt().ifPresent(at -> document.append(PAYMENT_FAILED_AT, Date.from(at)));
    accounts.replaceOne(
        Filters.eq(ID, account.tenantId().value()), document, new ReplaceOptions().upsert(true));
  }

  @Override
  public Optional<BillingAccount> find(TenantId tenant) {
    return Optional.ofNullable(accounts.find(Filters.eq(ID, tenant.value())).first())
        .map(MongoBillingAccounts::fromDocument);
  }

  @Override
  public Optional<BillingAccount> findByCustomer(String customerId) {
    return Optional.ofNullable(accounts.find(Filters.eq(CUSTOMER, customerId)).first())
        .map(MongoBillingAccounts::fromDocument);
  }

  @Override
  public void delete(TenantId tenant) {
    accounts.deleteOne(Filters.eq(ID, tenant.value()));
  }

  private static BillingAccount fromDocument(Document d) {
    try {
      return new BillingAccount(
          new TenantId(d.getString(ID)),
          Optional.ofNullable(d.getString(CUSTOMER)),
          Optional.ofNullable(d.getString(SUBSCRIPTION)),
          SubscriptionStatus.valueOf(d.getString(STATUS)),
          Plan.valueOf(d.getString(SUBSCRIBED)),
          instant(d, PERIOD_END),
          instant(d, LAST_CHANGE),
          instant(d, PAYMENT_FAILED_AT));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "stored billing account " + d.get(ID) + " does not have its shape", e);
    }
  }

  private static Optional<Instant> instant(Document d, String field) {
    return Optional.ofNullable(d.getDate(field)).map(Date::toInstant);
  }
}
