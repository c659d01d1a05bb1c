package io.killtoken.domain.billing;

import io.killtoken.domain.tenant.TenantId;
import java.util.Optional;

/** Port: each tenant's billing account, found by tenant or by its Stripe customer. */
public interface BillingAccountRepository {

  /** Inserts the account, or replaces the tenant's stored one. */
  void save(BillingAccount account);

  Optional<BillingAccount> find(TenantId tenant);

  Optional<BillingAccount> findByCustomer(String customerId);

  /** Removes the tenant's account (account closing). */
  void delete(TenantId tenant);
}
