package io.killtoken.application.account;

import io.killtoken.application.abuse.AbuseLimits;
import io.killtoken.domain.DisplayName;
import io.killtoken.domain.error.Conflict;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.settings.SettingsRepository;
import io.killtoken.domain.settings.TenantSettings;
import io.killtoken.domain.tenant.Plan;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.tenant.TenantRepository;
import io.killtoken.domain.user.Email;
import io.killtoken.domain.user.PasswordHasher;
import io.killtoken.domain.user.PasswordPolicy;
import io.killtoken.domain.user.User;
import io.killtoken.domain.user.UserId;
import io.killtoken.domain.user.UserRepository;
import java.time.Instant;
import java.time.InstantSource;

/** Use case: creates a tenant on the Free plan with its owner, and signs the owner in. */
public final class SignUp {

  private final UserRepository users;
  private final TenantRepository tenants;
  private final SettingsRepository settings;
  private final PasswordHasher hasher;
  private final StartSession sessions;
  private final AbuseLimits limits;
  private final InstantSource clock;
  private final Plan startingPlan;

  public SignUp(
      UserRepository users,
      TenantRepository tenants,
      SettingsRepository settings,
      PasswordHasher hasher,
      StartSession sessions,
      AbuseLimits limits,
      InstantSource clock) {
    this(users, tenants, settings, hasher, sessions, limits, clock, Plan.FREE);
  }

  /**
   * @param startingPlan the plan a new tenant starts on: Free where billing moves tenants up, or
   *     whatever the operator of a self-hosted install chooses
   */
  public SignUp(
      UserRepository users,
      TenantRepository tenants,
      SettingsRepository settings,
      PasswordHasher hasher,
      StartSession sessions,
      AbuseLimits limits,
      InstantSource clock,
      Plan startingPlan) {
    this.users = users;
    this.tenants = tenants;
    this.settings = settings;
    this.hasher = hasher;
    this.sessions = sessions;
    this.limits = limits;
    this.clock = clock;
    this.startingPlan = startingPlan;
  }

  public SignedIn signUp(SignUpCommand command) {
    limits.signUp(command.clientIp());
    Email email = new Email(command.email());
    PlainSecret password = PasswordPolicy.check(command.password());
    String tenantName = DisplayName.check("tenant_name", command.tenantName());
    Instant now = clock.instant();
    Tenant tenant = new Tenant(TenantId.random(), tenantName, startingPlan, now);
    User owner = new User(UserId.random(), tenant.id(), email, hasher.hash(password), now);
    // The user row goes first: its unique email decides, and a refused signup leaves no tenant.
    if (!users.insert(owner)) {
      throw new Conflict("An account with this email already exists. Log in instead.");
    }
    tenants.save(tenant);
    settings.save(TenantSettings.defaults(tenant.id()));
    return sessions.start(owner);
  }
}
