package io.killtoken.application.account;

import io.killtoken.application.abuse.AbuseLimits;
import io.killtoken.application.access.Caller;
import io.killtoken.domain.apikey.ApiKeyRepository;
import io.killtoken.domain.cache.ResponseCache;
import io.killtoken.domain.credential.CredentialRepository;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.PermissionDenied;
import io.killtoken.domain.error.Unauthenticated;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.session.SessionRepository;
import io.killtoken.domain.settings.SettingsRepository;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.tenant.TenantRepository;
import io.killtoken.domain.user.PasswordHasher;
import io.killtoken.domain.user.User;
import io.killtoken.domain.user.UserRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Use case: the owner closes the account. A dashboard session must confirm with the password (an
 * admin API key is proof enough); then, at once, the tenant is marked closed, every API key is
 * revoked, every session ended, every credential, the settings, the users and the cached answers
 * deleted. Usage records are kept for {@link #USAGE_KEPT} (billing questions) and marked due for
 * deletion. The key and credential stores are the change-counter caches, so every node drops them.
 */
public final class CloseAccount {

  /** How long usage records outlive the account, for billing and dispute questions. */
  public static final Duration USAGE_KEPT = Duration.ofDays(30);

  private final TenantRepository tenants;
  private final UserRepository users;
  private final SessionRepository sessions;
  private final ApiKeyRepository keys;
  private final CredentialRepository credentials;
  private final SettingsRepository settings;
  private final ResponseCache responses;
  private final PasswordHasher hasher;
  private final AbuseLimits limits;
  private final InstantSource clock;

  public CloseAccount(
      TenantRepository tenants,
      UserRepository users,
      SessionRepository sessions,
      ApiKeyRepository keys,
      CredentialRepository credentials,
      SettingsRepository settings,
      ResponseCache responses,
      PasswordHasher hasher,
      AbuseLimits limits,
      InstantSource clock) {
    this.tenants = tenants;
    this.users = users;
    this.sessions = sessions;
    this.keys = keys;
    this.credentials = credentials;
    this.settings = settings;
    this.responses = responses;
    this.hasher = hasher;
    this.limits = limits;
    this.clock = clock;
  }

  public ClosedAccount close(CloseAccountCommand command) {
    Tenant tenant =
        tenants
            .find(command.caller().tenant())
            .filter(t -> !t.isClosed())
            .orElseThrow(() -> new Unauthenticated("Authentication required."));
    if (command.caller() instanceof Caller.WithSession withSession) {
      confirm(withSession, command);
    }
    Instant now = clock.instant();
    Instant due = now.plus(USAGE_KEPT);
    // Closed first: whatever fails after this, the account stays closed and the rest is repeatable.
    tenants.save(tenant.closed(now, due));
    long revoked = keys.deleteAllOf(tenant.id());
    long ended = sessions.deleteAllOf(tenant.id());
    long deleted = credentials.deleteAllOf(tenant.id());
    settings.delete(tenant.id());
    long people = users.deleteAllOf(tenant.id());
    // Unreachable without keys and gone with their TTL anyway; a store that is down is no reason
    // to keep the account open.
    responses.purge(tenant.id());
    return new ClosedAccount(tenant.id(), now, due, revoked, ended, deleted, people);
  }

  private void confirm(Caller.WithSession caller, CloseAccountCommand command) {
    User user =
        users
            .find(caller.session().userId())
            .orElseThrow(() -> new Unauthenticated("Authentication required."));
    // A stolen session must not become a free password-guessing oracle.
    limits.logIn(command.clientIp(), Optional.of(user.email()));
    String password =
        command
            .password()
            .orElseThrow(
                () ->
                    new InvalidRequest(
                        "Confirm with your password: {\"password\": \"…\"}. Nothing was closed."));
    if (!hasher.verify(new PlainSecret(password), user.passwordHash())) {
      throw new PermissionDenied("The password is wrong. Nothing was closed.");
    }
  }
}
