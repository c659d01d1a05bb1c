package io.killtoken.domain.billing;

import io.killtoken.domain.tenant.TenantId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link BillingAccountRepository} in memory, for tests. */
public final class InMemoryBillingAccounts implements BillingAccountRepository {

  private final Map<TenantId, BillingAccount> accounts = new ConcurrentHashMap<>();

  @Override
  public void save(BillingAccount account) {
    accounts.put(account.tenantId(), account);
  }

  @Override
  public Optional<BillingAccount> find(TenantId tenant) {
    return Optional.ofNullable(accounts.get(tenant));
  }

  @Override
  public Optional<BillingAccount> findByCustomer(String customerId) {
    return accounts.values().stream()
        .filter(a -> a.customerId().filter(customerId::equals).isPresent())
        .findFirst();
  }

  @Override
  public void delete(TenantId tenant) {
    accounts.remove(tenant);
  }
}
