package io.killtoken.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import io.javalin.config.JavalinConfig;
import io.killtoken.adapters.crypto.password.ScryptPasswordHasher;
import io.killtoken.adapters.crypto.secret.InvalidMasterKeyset;
import io.killtoken.adapters.crypto.secret.MasterKeyset;
import io.killtoken.adapters.crypto.secret.TinkSecretCipher;
import io.killtoken.adapters.http.access.AdminAccess;
import io.killtoken.adapters.http.access.ClientAddress;
import io.killtoken.adapters.http.access.SessionCookie;
import io.killtoken.adapters.http.account.AccountRoutes;
import io.killtoken.adapters.http.apikey.ApiKeyRoutes;
import io.killtoken.adapters.http.billing.BillingRoutes;
import io.killtoken.adapters.http.billing.StripeWebhookRoutes;
import io.killtoken.adapters.http.cache.CacheRoutes;
import io.killtoken.adapters.http.credential.CredentialRoutes;
import io.killtoken.adapters.http.dashboard.DashboardAssets;
import io.killtoken.adapters.http.dashboard.DashboardRoutes;
import io.killtoken.adapters.http.error.ErrorResponses;
import io.killtoken.adapters.http.export.ExportRoutes;
import io.killtoken.adapters.http.gateway.ChatCompletionRoutes;
import io.killtoken.adapters.http.gateway.EmbeddingRoutes;
import io.killtoken.adapters.http.gateway.GatewayAccess;
import io.killtoken.adapters.http.gateway.MessageRoutes;
import io.killtoken.adapters.http.gateway.ModelRoutes;
import io.killtoken.adapters.http.health.ProbeRoutes;
import io.killtoken.adapters.http.insight.InsightRoutes;
import io.killtoken.adapters.http.server.HttpServer;
import io.killtoken.adapters.http.server.HttpSettings;
import io.killtoken.adapters.http.settings.SettingsRoutes;
import io.killtoken.adapters.http.usage.UsageRoutes;
import io.killtoken.adapters.memory.freshness.CachedApiKeyRepository;
import io.killtoken.adapters.memory.freshness.CachedCredentialRepository;
import io.killtoken.adapters.memory.freshness.CachedSettingsRepository;
import io.killtoken.adapters.memory.freshness.CachedTenantRepository;
import io.killtoken.adapters.mongo.apikey.MongoApiKeyRepository;
import io.killtoken.adapters.mongo.billing.MongoBillingAccounts;
import io.killtoken.adapters.mongo.billing.MongoProcessedEvents;
import io.killtoken.adapters.mongo.credential.MongoCredentialRepository;
import io.killtoken.adapters.mongo.export.MongoExportRepository;
import io.killtoken.adapters.mongo.session.MongoSessionRepository;
import io.killtoken.adapters.mongo.settings.MongoSettingsRepository;
import io.killtoken.adapters.mongo.tenant.MongoTenantRepository;
import io.killtoken.adapters.mongo.usage.MongoUsageQueries;
import io.killtoken.adapters.mongo.usage.MongoUsageRetention;
import io.killtoken.adapters.mongo.usage.MongoUsageSink;
import io.killtoken.adapters.mongo.user.MongoUserRepository;
import io.killtoken.adapters.stripe.StripeBilling;
import io.killtoken.application.abuse.AbuseLimits;
import io.killtoken.application.account.AuthenticateSession;
import io.killtoken.application.account.ChangePassword;
import io.killtoken.application.account.CloseAccount;
import io.killtoken.application.account.LogIn;
import io.killtoken.application.account.ShowAccount;
import io.killtoken.application.account.SignUp;
import io.killtoken.application.account.StartSession;
import io.killtoken.application.apikey.AuthenticateApiKey;
import io.killtoken.application.apikey.IssueApiKey;
import io.killtoken.application.apikey.ManageApiKeys;
import io.killtoken.application.billing.HandleBillingEvent;
import io.killtoken.application.billing.ManageBilling;
import io.killtoken.application.cache.ManageCache;
import io.killtoken.application.credential.ManageCredentials;
import io.killtoken.application.credential.ResealCredentials;
import io.killtoken.application.credential.StoreCredential;
import io.killtoken.application.export.ManageExports;
import io.killtoken.application.gateway.ChatCaching;
import io.killtoken.application.gateway.GatewayCalls;
import io.killtoken.application.gateway.GatewayLimits;
import io.killtoken.application.gateway.ListModels;
import io.killtoken.application.gateway.Pause;
import io.killtoken.application.gateway.ProxyChatCompletion;
import io.killtoken.application.gateway.ProxyEmbeddings;
import io.killtoken.application.gateway.RecordPrivacy;
import io.killtoken.application.gateway.TenantPlans;
import io.killtoken.application.health.CheckReadiness;
import io.killtoken.application.health.ReadinessCheck;
import io.killtoken.application.insight.FindInsights;
import io.killtoken.application.retention.PurgeExpiredUsage;
import io.killtoken.application.settings.ManageSettings;
import io.killtoken.application.usage.ListUsageRecords;
import io.killtoken.application.usage.SummarizeUsage;
import io.killtoken.bootstrap.config.AppConfig;
import io.killtoken.bootstrap.config.BillingConfig;
import io.killtoken.bootstrap.config.ConfigException;
import io.killtoken.bootstrap.embedded.DevSecretFile;
import io.killtoken.domain.Digests;
import io.killtoken.domain.apikey.ApiKeyFormat;
import io.killtoken.domain.apikey.ApiKeyRepository;
import io.killtoken.domain.billing.BillingAccountRepository;
import io.killtoken.domain.billing.BillingGateway;
import io.killtoken.domain.billing.ProcessedEvents;
import io.killtoken.domain.cache.CacheKeys;
import io.killtoken.domain.credential.CredentialRepository;
import io.killtoken.domain.credential.CustomBaseUrls;
import io.killtoken.domain.credential.HostResolver;
import io.killtoken.domain.credential.StrictByok;
import io.killtoken.domain.export.ExportRepository;
import io.killtoken.domain.fingerprint.FingerprintKeys;
import io.killtoken.domain.limit.CalendarMonth;
import io.killtoken.domain.limit.CounterNames;
import io.killtoken.domain.limit.RateLimiter;
import io.killtoken.domain.provider.LlmProvider;
import io.killtoken.domain.provider.ModelRouter;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.provider.ProviderModule;
import io.killtoken.domain.provider.ProviderSettings;
import io.killtoken.domain.secret.OpenedSecrets;
import io.killtoken.domain.secret.SecretCipher;
import io.killtoken.domain.session.SessionRepository;
import io.killtoken.domain.session.SessionSigningKey;
import io.killtoken.domain.session.SessionTokens;
import io.killtoken.domain.settings.SettingsRepository;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.tenant.TenantRepository;
import io.killtoken.domain.usage.UsageQueries;
import io.killtoken.domain.usage.UsageRetention;
import io.killtoken.domain.user.UserRepository;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that knows every module: builds stores, then adapters, then use cases, then
 * handlers, then the server — in plain code — and closes them in reverse order.
 */
public final class Wiring implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);
  private static final Duration READINESS_DEADLINE = Duration.ofSeconds(2);

  /** Bounds how long a node that missed a change-counter advance can serve an old record. */
  private static final Duration CACHE_MAX_AGE = Duration.ofSeconds(10);

  /** How long, and for how many credentials, a provider key stays decrypted between calls. */
  private static final Duration OPENED_SECRETS_KEPT = Duration.ofMinutes(5);

  private static final int OPENED_SECRETS_HELD = 10_000;

  private final Stores stores;
  private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
  private final RetentionSchedule retention;
  private final TenantRepository tenants;
  private final CredentialRepository credentials;
  private final SecretCipher cipher;
  private final MongoUsageSink usage;
  private final ModelRouter router;
  private final List<LlmProvider> providers;
  private final HttpServer http;

  private Wiring(AppConfig config, InstantSource clock) {
    this.stores = new Stores(config, clock);
    SecureRandom random = new SecureRandom();
    this.cipher = new TinkSecretCipher(masterKeyset(config));
    this.providers = providers(config);
    this.router = new ModelRouter(providers);
    LOG.info("provider modules: {}", providers.stream().map(p -> p.id().value()).toList());
    switch (config.gateway().credentialBaseUrls()) {
      case OFF -> LOG.info("credentials use their provider's fixed base URL");
      case PUBLIC -> LOG.info("credentials may name their own https base URL on public addresses");
      case PRIVATE ->
          LOG.warn(
              "credentials may name their own base URL, private and loopback addresses included:"
                  + " tenants can make this server call hosts inside its network");
    }

    // Each MongoDB store sits behind its outage guard, and the node's caches in front of that.
    this.tenants =
        new CachedTenantRepository(
            stores.guarded(TenantRepository.class, new MongoTenantRepository(stores.database)),
            stores.changes,
            clock,
            CACHE_MAX_AGE);
    UserRepository users =
        stores.guarded(UserRepository.class, new MongoUserRepository(stores.database));
    SessionRepository sessions =
        stores.guarded(SessionRepository.class, new MongoSessionRepository(stores.database));
    ApiKeyRepository keys =
        new CachedApiKeyRepository(
            stores.guarded(ApiKeyRepository.class, new MongoApiKeyRepository(stores.database)),
            stores.changes,
            clock,
            CACHE_MAX_AGE);
    this.credentials =
        new CachedCredentialRepository(
            stores.guarded(
                CredentialRepository.class, new MongoCredentialRepository(stores.database)),
            stores.changes,
            clock,
            CACHE_MAX_AGE);
    this.usage = new MongoUsageSink(stores.database);
    UsageQueries usageQueries =
        stores.guarded(UsageQueries.class, new MongoUsageQueries(stores.database));
    SettingsRepository settings =
        new CachedSettingsRepository(
            stores.guarded(SettingsRepository.class, new MongoSettingsRepository(stores.database)),
            stores.changes,
            clock,
            CACHE_MAX_AGE);
    ExportRepository exports =
        stores.guarded(ExportRepository.class, new MongoExportRepository(stores.database));
    this.retention =
        RetentionSchedule.start(
            new PurgeExpiredUsage(
                tenants,
                settings,
                stores.guarded(UsageRetention.class, new MongoUsageRetention(stores.database)),
                exports,
                clock));
    RateLimiter limiter = stores.limiter;
    BillingConfig billingConfig = config.billing();
    BillingAccountRepository billingAccounts =
        stores.guarded(BillingAccountRepository.class, new MongoBillingAccounts(stores.database));
    Optional<BillingGateway> stripe = billingConfig.stripe().map(s -> stripe(s, clock));

    ScryptPasswordHasher hasher = new ScryptPasswordHasher();
    LOG.info(
        "password hashing: at most {} scrypt hash(es) at once in a {} MiB heap",
        hasher.concurrentHashes(),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
    byte[] serverSecret = serverSecret(config);
    CounterNames counterNames = new CounterNames(derive(serverSecret, "counter-names"));
    AbuseLimits abuse = new AbuseLimits(limiter, counterNames, AbuseLimits.Settings.DEFAULTS);
    SessionTokens tokens =
        new SessionTokens(new SessionSigningKey(derive(serverSecret, "session-cookies")), random);
    StartSession startSession = new StartSession(sessions, tokens, clock, config.sessionLifetime());
    AuthenticateSession authenticateSession = new AuthenticateSession(sessions, tokens, clock);
    AuthenticateApiKey authenticateKey = new AuthenticateApiKey(keys, clock, background);

    CustomBaseUrls baseUrls =
        new CustomBaseUrls(config.gateway().credentialBaseUrls(), HostResolver.system());
    GatewayLimits limits =
        new GatewayLimits(
            limiter,
            stores.ledger,
            new TenantPlans(tenants, billingConfig.plans()),
            counterNames,
            clock);
    ShowAccount showAccount = new ShowAccount(tenants, users);
    ManageBilling billing =
        new ManageBilling(
            stripe,
            billingAccounts,
            tenants,
            billingConfig.plans(),
            (tenant, month) -> quotaUsed(limiter, limits, tenant, month),
            billingConfig
                .publicUrl()
                .orElse(URI.create("http://localhost:" + config.port()))
                .resolve("/billing"),
            clock);
    Optional<HandleBillingEvent> billingEvents =
        stripe.map(
            gateway ->
                new HandleBillingEvent(
                    gateway,
                    stores.guarded(
                        ProcessedEvents.class, new MongoProcessedEvents(stores.database, clock)),
                    billingAccounts,
                    tenants,
                    billingConfig.plans(),
                    billingConfig.grace(),
                    clock));
    GatewayCalls gatewayCalls =
        new GatewayCalls(
            providers,
            new StrictByok(
                credentials,
                new OpenedSecrets(cipher, clock, OPENED_SECRETS_KEPT, OPENED_SECRETS_HELD),
                baseUrls),
            limits,
            usage,
            new FingerprintKeys(derive(serverSecret, "prompt-fingerprints")),
            config.gateway().prices(),
            config.gateway().retries(),
            Pause.SLEEP,
            new RecordPrivacy(settings, cipher),
            clock);
    ProxyChatCompletion proxy =
        new ProxyChatCompletion(
            gatewayCalls,
            new ChatCaching(
                stores.responses, new CacheKeys(derive(serverSecret, "response-cache")), clock));
    ProxyEmbeddings embeddings = new ProxyEmbeddings(gatewayCalls);

    ClientAddress address = new ClientAddress(config.trustedProxies());
    SessionCookie cookie = new SessionCookie(address, config.cookieSecure());
    CheckReadiness readiness =
        new CheckReadiness(
            List.of(
                new ReadinessCheck(stores.mongoProbe, true),
                new ReadinessCheck(stores.redisProbe, false)),
            READINESS_DEADLINE);
    List<Consumer<JavalinConfig>> routes =
        List.of(
            new ErrorResponses(new ObjectMapper())::register,
            new ProbeRoutes(readiness)::register,
            new AdminAccess(authenticateKey, authenticateSession)::register,
            new AccountRoutes(
                    new SignUp(
                        users,
                        tenants,
                        settings,
                        hasher,
                        startSession,
                        abuse,
                        clock,
                        config.gateway().signupPlan()),
                    new LogIn(users, hasher, startSession, abuse),
                    authenticateSession,
                    new ChangePassword(users, sessions, hasher, startSession, abuse),
                    showAccount,
                    new CloseAccount(
                        tenants,
                        users,
                        sessions,
                        keys,
                        credentials,
                        settings,
                        stores.responses,
                        hasher,
                        abuse,
                        clock),
                    cookie,
                    address,
                    config.sessionLifetime())
                ::register,
            new ApiKeyRoutes(
                    new IssueApiKey(keys, new ApiKeyFormat(random), clock), new ManageApiKeys(keys))
                ::register,
            new CredentialRoutes(
                    new StoreCredential(
                        credentials,
                        cipher,
                        providers.stream().map(LlmProvider::id).collect(Collectors.toSet()),
                        clock,
                        baseUrls),
                    new ManageCredentials(credentials))
                ::register,
            new SettingsRoutes(new ManageSettings(settings))::register,
            new CacheRoutes(new ManageCache(stores.responses))::register,
            new BillingRoutes(billing, showAccount)::register,
            new StripeWebhookRoutes(billingEvents)::register,
            new UsageRoutes(
                    new SummarizeUsage(usageQueries, clock),
                    new ListUsageRecords(usageQueries, clock))
                ::register,
            new ExportRoutes(new ManageExports(exports, usageQueries, clock))::register,
            new InsightRoutes(
                    new FindInsights(
                        usageQueries,
                        settings,
                        credentials,
                        providers,
                        config.gateway().prices(),
                        clock))
                ::register,
            new GatewayAccess(authenticateKey)::register,
            new ChatCompletionRoutes(proxy)::register,
            new MessageRoutes(proxy)::register,
            new EmbeddingRoutes(embeddings)::register,
            new ModelRoutes(new ListModels(providers, credentials))::register,
            new DashboardRoutes(new DashboardAssets())::register);
    this.http =
        new HttpServer(
            new HttpSettings(
                config.host(), config.port(), config.maxBodyBytes(), config.drainTimeout()),
            routes);
  }

  /** Stripe through an instance client: bounded timeouts, two retries with Stripe's backoff. */
  private static BillingGateway stripe(BillingConfig.Stripe settings, InstantSource clock) {
    LOG.info("billing: Stripe at {}", settings.apiBase());
    return new StripeBilling(
        StripeClient.builder()
            .setApiKey(settings.secretKey().value())
            .setApiBase(settings.apiBase().toString())
            .setMaxNetworkRetries(2)
            .setConnectTimeout(5_000)
            .setReadTimeout(20_000)
            .build(),
        settings.webhookSecret().value(),
        settings.tolerance(),
        clock);
  }

  /** The quota counter's value; 0 while the counter store is unreachable (limits fail open). */
  private static long quotaUsed(
      RateLimiter limiter, GatewayLimits limits, TenantId tenant, CalendarMonth month) {
    try {
      return limiter.count(limits.quotaCounter(tenant.value(), month));
    } catch (RuntimeException storeDown) {
      return 0;
    }
  }

  /**
   * Every provider module on the class path, built with the operator's timeouts and base URL
   * override ({@code KILLTOKEN_PROVIDER_<ID>_BASE_URL}).
   */
  private static List<LlmProvider> providers(AppConfig config) {
    return ServiceLoader.load(ProviderModule.class).stream()
        .map(ServiceLoader.Provider::get)
        .flatMap(module -> module.ids().stream().map(id -> module.create(id, settings(config, id))))
        .toList();
  }

  private static ProviderSettings settings(AppConfig config, ProviderId id) {
    URI override = config.providerBaseUrls().get(id.value());
    if (override == null) {
      return config.providerDefaults();
    }
    LOG.info("provider {} calls {}", id.value(), override);
    return config.providerDefaults().withBaseUrl(override);
  }

  /** Builds everything and starts serving. */
  public static Wiring start(AppConfig config, InstantSource clock) {
    Wiring wiring = new Wiring(config, clock);
    try {
      wiring.http.start();
    } catch (RuntimeException e) {
      wiring.close();
      throw e;
    }
    return wiring;
  }

  /** Operator command: reseal every credential under the master keyset's current primary key. */
  public static ResealCredentials.Outcome resealCredentials(AppConfig config) {
    try (Stores stores = new Stores(config, InstantSource.system())) {
      return new ResealCredentials(
              new MongoCredentialRepository(stores.database),
              new TinkSecretCipher(masterKeyset(config)))
          .resealAll();
    }
  }

  private static MasterKeyset masterKeyset(AppConfig config) {
    if (config.masterKeyset().isPresent()) {
      // AppConfig has parsed it once already: a bad keyset is listed with the other problems.
      return MasterKeyset.fromJson(config.masterKeyset().get().value());
    }
    Path file = config.dataDir().resolve("dev-master-keyset.json");
    String json =
        DevSecretFile.loadOrCreate(
            file, "KILLTOKEN_MASTER_KEYSET", () -> MasterKeyset.generate().toJson());
    try {
      return MasterKeyset.fromJson(json);
    } catch (InvalidMasterKeyset e) {
      throw new ConfigException(
          List.of("the development keyset " + file + " is not usable: " + e.getMessage()));
    }
  }

  /** A separate key per purpose from the one server secret, so no two uses share key material. */
  private static byte[] derive(byte[] secret, String purpose) {
    return Digests.hmacSha256(secret, purpose);
  }

  private static byte[] serverSecret(AppConfig config) {
    String secret =
        config
            .sessionSecret()
            .map(s -> s.value())
            .orElseGet(
                () ->
                    DevSecretFile.loadOrCreate(
                        config.dataDir().resolve("dev-session-secret"),
                        "KILLTOKEN_SESSION_SECRET",
                        () -> {
                          byte[] bytes = new byte[32];
                          new SecureRandom().nextBytes(bytes);
                          return Base64.getEncoder().encodeToString(bytes);
                        }));
    return secret.getBytes(StandardCharsets.UTF_8);
  }

  public int port() {
    return http.port();
  }

  TenantRepository tenants() {
    return tenants;
  }

  CredentialRepository credentials() {
    return credentials;
  }

  SecretCipher cipher() {
    return cipher;
  }

  RateLimiter limiter() {
    return stores.limiter;
  }

  ModelRouter router() {
    return router;
  }

  /**
   * Graceful stop: the server drains in-flight requests first, then background work finishes, then
   * stores close in reverse order of opening.
   */
  @Override
  public void close() {
    try {
      http.stop();
    } catch (RuntimeException e) {
      LOG.warn("HTTP server did not stop cleanly", e);
    }
    retention.close();
    background.close();
    // Every usage record accepted before the stop is written before the stores close.
    usage.close();
    for (LlmProvider provider : providers) {
      if (provider instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.warn("provider {} did not close cleanly", provider.id().value(), e);
        }
      }
    }
    stores.close();
  }
}
