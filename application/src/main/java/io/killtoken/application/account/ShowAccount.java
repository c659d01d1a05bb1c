package io.killtoken.application.account;

import io.killtoken.application.access.Caller;
import io.killtoken.domain.error.Unauthenticated;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.tenant.TenantRepository;
import io.killtoken.domain.user.User;
import io.killtoken.domain.user.UserRepository;
import java.util.Optional;

/** Use case: who is calling — the tenant, and the user when the caller has a session. */
public final class ShowAccount {

  private final TenantRepository tenants;
  private final UserRepository users;

  public ShowAccount(TenantRepository tenants, UserRepository users) {
    this.tenants = tenants;
    this.users = users;
  }

  /** The caller's tenant and, for a dashboard session, its user. */
  public record Account(Tenant tenant, Optional<User> user) {}

  public Account show(Caller caller) {
    Tenant tenant =
        tenants
            .find(caller.tenant())
            .orElseThrow(() -> new Unauthenticated("Authentication required."));
    Optional<User> user =
        switch (caller) {
          case Caller.WithSession s -> users.find(s.session().userId());
          case Caller.WithApiKey k -> Optional.empty();
        };
    return new Account(tenant, user);
  }
}
