package io.killtoken.domain.billing;

class InMemoryBillingStoresTest extends BillingStoresContract {

  private final InMemoryBillingAccounts accounts = new InMemoryBillingAccounts();
  private final InMemoryProcessedEvents events = new InMemoryProcessedEvents();

  @Override
  protected BillingAccountRepository accounts() {
    return accounts;
  }

  @Override
  protected ProcessedEvents events() {
    return events;
  }
}
