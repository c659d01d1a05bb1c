package io.killtoken.application.account;

import io.killtoken.application.abuse.AbuseLimits;
import io.killtoken.application.testing.RecordingRateLimiter;
import io.killtoken.application.testing.SaltedSha256PasswordHasher;
import io.killtoken.application.testing.TestClock;
import io.killtoken.domain.limit.CounterNames;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.session.InMemorySessionRepository;
import io.killtoken.domain.session.SessionSigningKey;
import io.killtoken.domain.session.SessionTokens;
import io.killtoken.domain.settings.InMemorySettingsRepository;
import io.killtoken.domain.settings.SettingsRepository;
import io.killtoken.domain.settings.TenantSettings;
import io.killtoken.domain.tenant.InMemoryTenantRepository;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.tenant.TenantRepository;
import io.killtoken.domain.user.InMemoryUserRepository;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The account use cases wired to in-memory fakes, the way bootstrap wires them to real adapters.
 */
final class AccountFixture {

  static final String PASSWORD = "correct horse battery";
  static final String IP = "198.51.100.1";
  static final Duration LIFETIME = Duration.ofDays(7);

  final TestClock clock = new TestClock();
  final InMemoryUserRepository users = new InMemoryUserRepository();
  final SavedTenants tenants = new SavedTenants();
  final SavedSettings settings = new SavedSettings();
  final InMemorySessionRepository sessions = new InMemorySessionRepository();
  final SessionTokens tokens = tokens((byte) 7);
  final SaltedSha256PasswordHasher hasher = new SaltedSha256PasswordHasher();
  final RecordingRateLimiter limiter = new RecordingRateLimiter();
  final AbuseLimits limits =
      new AbuseLimits(limiter, new CounterNames(new byte[32]), AbuseLimits.Settings.DEFAULTS);
  final StartSession start = new StartSession(sessions, tokens, clock, LIFETIME);
  final SignUp signUp = new SignUp(users, tenants, settings, hasher, start, limits, clock);
  final LogIn logIn = new LogIn(users, hasher, start, limits);
  final AuthenticateSession authenticate = new AuthenticateSession(sessions, tokens, clock);
  final ChangePassword changePassword = new ChangePassword(users, sessions, hasher, start, limits);
  final ShowAccount showAccount = new ShowAccount(tenants, users);

  static SessionTokens tokens(byte fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, fill);
    return new SessionTokens(new SessionSigningKey(key), new SecureRandom());
  }

  SignedIn signUp(String email) {
    return signUp.signUp(new SignUpCommand(email, PASSWORD, "Acme", IP));
  }

  SignedIn logIn(String email, String password) {
    return logIn.logIn(new LogInCommand(email, password, IP));
  }

  /** Remembers every tenant saved, so a test can tell that no second tenant was created. */
  static final class SavedTenants implements TenantRepository {

    private final InMemoryTenantRepository store = new InMemoryTenantRepository();
    private final List<Tenant> saved = new ArrayList<>();

    @Override
    public synchronized void save(Tenant tenant) {
      saved.add(tenant);
      store.save(tenant);
    }

    @Override
    public Optional<Tenant> find(TenantId id) {
      return store.find(id);
    }

    @Override
    public Page<Tenant> listAll(PageRequest page) {
      return store.listAll(page);
    }

    synchronized List<Tenant> saved() {
      return List.copyOf(saved);
    }
  }

  /** Remembers every settings record saved. */
  static final class SavedSettings implements SettingsRepository {

    private final InMemorySettingsRepository store = new InMemorySettingsRepository();
    private final List<TenantSettings> saved = new ArrayList<>();

    @Override
    public Optional<TenantSettings> find(TenantId tenant) {
      return store.find(tenant);
    }

    @Override
    public synchronized void save(TenantSettings tenantSettings) {
      saved.add(tenantSettings);
      store.save(tenantSettings);
    }

    @Override
    public void delete(TenantId tenant) {
      store.delete(tenant);
    }

    synchronized List<TenantSettings> saved() {
      return List.copyOf(saved);
    }
  }
}
