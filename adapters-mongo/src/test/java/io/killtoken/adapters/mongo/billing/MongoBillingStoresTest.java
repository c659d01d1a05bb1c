package io.killtoken.adapters.mongo.billing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoDatabase;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.domain.billing.BillingAccount;
import io.killtoken.domain.billing.BillingAccountRepository;
import io.killtoken.domain.billing.BillingStoresContract;
import io.killtoken.domain.billing.ProcessedEvents;
import io.killtoken.domain.tenant.TenantId;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MongoBillingStoresTest extends BillingStoresContract {

  private static MongoDatabase database;
  private static MongoBillingAccounts accounts;
  private static MongoProcessedEvents events;

  @BeforeAll
  static void freshDatabase() {
    database = MongoFixture.shared().freshDatabase();
    accounts = new MongoBillingAccounts(database);
    events = new MongoProcessedEvents(database, InstantSource.system());
  }

  @AfterAll
  static void dropDatabase() {
    database.drop();
  }

  @Override
  protected BillingAccountRepository accounts() {
    return accounts;
  }

  @Override
  protected ProcessedEvents events() {
    return events;
  }

  @Test
  void one_stripe_customer_belongs_to_one_tenant() {
    accounts.save(BillingAccount.none(TenantId.random()).withCustomer("cus_shared"));

    assertThrows(
        MongoWriteException.class,
        () -> accounts.save(BillingAccount.none(TenantId.random()).withCustomer("cus_shared")));
  }
}
