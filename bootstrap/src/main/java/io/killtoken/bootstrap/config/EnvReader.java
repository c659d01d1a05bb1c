package io.killtoken.bootstrap.config;

import io.killtoken.adapters.crypto.secret.InvalidMasterKeyset;
import io.killtoken.adapters.crypto.secret.MasterKeyset;
import io.killtoken.application.gateway.RetryPolicy;
import io.killtoken.domain.billing.PlanCatalog;
import io.killtoken.domain.billing.PlanTerms;
import io.killtoken.domain.credential.BaseUrlMode;
import io.killtoken.domain.provider.PriceList;
import io.killtoken.domain.provider.ProviderSettings;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.tenant.Plan;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@link AppConfig} from environment variables, collecting every problem before failing so an
 * operator fixes them all in one go. Secrets may be given directly or through a file named by the
 * variable with a {@code _FILE} suffix; problem messages name the variable, never its value.
 */
final class EnvReader {

  static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
  private static final Pattern PROVIDER_BASE_URL =
      Pattern.compile("KILLTOKEN_PROVIDER_([A-Z0-9_]+)_BASE_URL");
  private static final Pattern PROXY = Pattern.compile("[0-9A-Fa-f:.]{2,45}(/[0-9]{1,3})?");
  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}");

  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();

  EnvReader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  AppConfig read() {
    Mode mode = mode();
    String host = text("KILLTOKEN_HOST").orElse("0.0.0.0");
    int port = (int) number("KILLTOKEN_PORT", 8080, 0, 65_535);
    Path dataDir = Path.of(text("KILLTOKEN_DATA_DIR").orElse("killtoken-data"));
    long maxBody = number("KILLTOKEN_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES, 1024, 1L << 30);
    Duration drain = Duration.ofSeconds(number("KILLTOKEN_DRAIN_TIMEOUT_SECONDS", 20, 0, 600));
    Optional<PlainSecret> mongoUri = secret("MONGODB_URI");
    String database = text("MONGODB_DATABASE").orElse("killtoken");
    if (!DATABASE_NAME.matcher(database).matches()) {
      problems.add("MONGODB_DATABASE must be 1-63 letters, digits, '_' or '-'");
    }
    mongoUri.ifPresent(uri -> requirePrefix("MONGODB_URI", uri, "mongodb://", "mongodb+srv://"));
    Optional<PlainSecret> redisUrl = secret("REDIS_URL");
    redisUrl.ifPresent(url -> requirePrefix("REDIS_URL", url, "redis://", "rediss://"));
    Optional<PlainSecret> keyset = secret("KILLTOKEN_MASTER_KEYSET");
    keyset.ifPresent(this::requireUsableKeyset);
    Optional<PlainSecret> sessionSecret = secret("KILLTOKEN_SESSION_SECRET");
    if (sessionSecret.isPresent() && sessionSecret.get().value().length() < 32) {
      problems.add("KILLTOKEN_SESSION_SECRET must have at least 32 characters");
    }
    List<String> proxies = proxies();
    boolean cookieSecure = flag("KILLTOKEN_COOKIE_SECURE");
    Map<String, URI> baseUrls = providerBaseUrls();
    ProviderSettings providerDefaults =
        new ProviderSettings(
            Optional.empty(),
            Duration.ofMillis(number("KILLTOKEN_PROVIDER_CONNECT_TIMEOUT_MS", 5_000, 100, 60_000)),
            Duration.ofMillis(
                number("KILLTOKEN_PROVIDER_FIRST_BYTE_TIMEOUT_MS", 120_000, 100, 900_000)),
            Duration.ofMillis(number("KILLTOKEN_PROVIDER_IDLE_TIMEOUT_MS", 60_000, 100, 900_000)));
    GatewayConfig gateway = gateway();
    BillingConfig billing = billing();
    Duration sessionLifetime = Duration.ofHours(number("KILLTOKEN_SESSION_TTL_HOURS", 24, 1, 720));
    if (mode == Mode.PRODUCTION) {
      requireInProduction("MONGODB_URI", mongoUri);
      requireInProduction("REDIS_URL", redisUrl);
      requireInProduction("KILLTOKEN_MASTER_KEYSET", keyset);
      requireInProduction("KILLTOKEN_SESSION_SECRET", sessionSecret);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new AppConfig(
        mode,
        host,
        port,
        dataDir,
        maxBody,
        drain,
        mongoUri,
        database,
        redisUrl,
        keyset,
        sessionSecret,
        proxies,
        cookieSecure,
        sessionLifetime,
        baseUrls,
        providerDefaults,
        gateway,
        billing);
  }

  private GatewayConfig gateway() {
    PriceList prices =
        text("KILLTOKEN_PRICES_FILE")
            .map(file -> PriceFile.read(Path.of(file), problems))
            .orElse(PriceList.NONE);
    int retries = (int) number("KILLTOKEN_UPSTREAM_RETRIES", RetryPolicy.DEFAULT.retries(), 0, 5);
    RetryPolicy policy =
        new RetryPolicy(retries, RetryPolicy.DEFAULT.firstDelay(), RetryPolicy.DEFAULT.maxDelay());
    BaseUrlMode baseUrls = BaseUrlMode.OFF;
    Optional<String> mode = text(BaseUrlMode.SETTING);
    if (mode.isPresent()) {
      try {
        baseUrls = BaseUrlMode.parse(mode.get());
      } catch (IllegalArgumentException e) {
        problems.add(BaseUrlMode.SETTING + " must be 'off', 'public' or 'private'");
      }
    }
    Plan plan = Plan.FREE;
    Optional<String> planName = text("KILLTOKEN_SIGNUP_PLAN");
    if (planName.isPresent()) {
      try {
        plan = Plan.valueOf(planName.get().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add("KILLTOKEN_SIGNUP_PLAN must be 'free', 'pro' or 'enterprise'");
      }
    }
    return new GatewayConfig(prices, policy, baseUrls, plan);
  }

  private BillingConfig billing() {
    List<PlanTerms> plans = new ArrayList<>();
    for (Plan plan : Plan.values()) {
      String name = plan.name();
      PlanTerms defaults = PlanTerms.defaults(plan);
      long monthly =
          number(
              "KILLTOKEN_PLAN_" + name + "_MONTHLY_REQUESTS",
              defaults.monthlyRequests(),
              1,
              Long.MAX_VALUE);
      int rpm =
          (int)
              number(
                  "KILLTOKEN_PLAN_" + name + "_RPM", defaults.requestsPerMinute(), 1, 10_000_000);
      String label = text("KILLTOKEN_PLAN_" + name + "_PRICE_LABEL").orElse(defaults.priceLabel());
      Optional<String> price = text("KILLTOKEN_STRIPE_PRICE_" + name);
      price.ifPresent(
          id -> {
            if (plan == Plan.FREE) {
              problems.add("KILLTOKEN_STRIPE_PRICE_FREE is not read: Free needs no subscription");
            } else if (!id.startsWith("price_")) {
              problems.add(
                  "KILLTOKEN_STRIPE_PRICE_" + name + " must be a Stripe price id (price_…)");
            }
          });
      plans.add(new PlanTerms(plan, monthly, rpm, label, price.filter(id -> plan != Plan.FREE)));
    }
    Optional<PlainSecret> secretKey = secret("KILLTOKEN_STRIPE_SECRET_KEY");
    secretKey.ifPresent(key -> requirePrefix("KILLTOKEN_STRIPE_SECRET_KEY", key, "sk_", "rk_"));
    Optional<PlainSecret> webhookSecret = secret("KILLTOKEN_STRIPE_WEBHOOK_SECRET");
    webhookSecret.ifPresent(key -> requirePrefix("KILLTOKEN_STRIPE_WEBHOOK_SECRET", key, "whsec_"));
    if (secretKey.isPresent() != webhookSecret.isPresent()) {
      problems.add(
          "set both KILLTOKEN_STRIPE_SECRET_KEY and KILLTOKEN_STRIPE_WEBHOOK_SECRET, or neither");
    }
    URI apiBase = uri("KILLTOKEN_STRIPE_API_BASE").orElse(URI.create("https://api.stripe.com"));
    Duration tolerance =
        Duration.ofSeconds(number("KILLTOKEN_STRIPE_WEBHOOK_TOLERANCE_SECONDS", 300, 1, 3_600));
    Optional<BillingConfig.Stripe> stripe =
        secretKey.isPresent() && webhookSecret.isPresent()
            ? Optional.of(
                new BillingConfig.Stripe(secretKey.get(), webhookSecret.get(), apiBase, tolerance))
            : Optional.empty();
    if (stripe.isEmpty() && plans.stream().anyMatch(t -> t.stripePrice().isPresent())) {
      problems.add("KILLTOKEN_STRIPE_PRICE_* is set but KILLTOKEN_STRIPE_SECRET_KEY is not");
    }
    Duration grace = Duration.ofDays(number("KILLTOKEN_BILLING_GRACE_DAYS", 7, 0, 60));
    return new BillingConfig(new PlanCatalog(plans), stripe, grace, uri("KILLTOKEN_PUBLIC_URL"));
  }

  private Optional<URI> uri(String name) {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI parsed = new URI(value.get());
      if ((parsed.getScheme() != null && parsed.getScheme().matches("https?"))
          && parsed.getHost() != null) {
        return Optional.of(parsed);
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    problems.add(name + " must be an http(s) URL");
    return Optional.empty();
  }

  private Mode mode() {
    String value = text("KILLTOKEN_ENV").orElse("development").toLowerCase(Locale.ROOT);
    return switch (value) {
      case "development", "dev" -> Mode.DEVELOPMENT;
      case "production", "prod" -> Mode.PRODUCTION;
      default -> {
        problems.add("KILLTOKEN_ENV must be 'development' or 'production'");
        yield Mode.DEVELOPMENT;
      }
    };
  }

  private Optional<String> text(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private long number(String name, long fallback, long min, long max) {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value.get());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below, with the range
    }
    problems.add(name + " must be a whole number from " + min + " to " + max);
    return fallback;
  }

  private boolean flag(String name) {
    String value = text(name).orElse("false").toLowerCase(Locale.ROOT);
    if (!value.equals("true") && !value.equals("false")) {
      problems.add(name + " must be 'true' or 'false'");
    }
    return value.equals("true");
  }

  /**
   * {@code KILLTOKEN_PROVIDER_<ID>_BASE_URL}: e.g. OPENAI, or OPENAI_COMPATIBLE for
   * openai-compatible.
   */
  private Map<String, URI> providerBaseUrls() {
    Map<String, URI> urls = new java.util.TreeMap<>();
    for (Map.Entry<String, String> entry : new java.util.TreeMap<>(env).entrySet()) {
      var match = PROVIDER_BASE_URL.matcher(entry.getKey());
      if (!match.matches() || entry.getValue().isBlank()) {
        continue;
      }
      String provider = match.group(1).toLowerCase(Locale.ROOT).replace('_', '-');
      try {
        URI url = new URI(entry.getValue().strip());
        if (!("https".equals(url.getScheme()) || "http".equals(url.getScheme()))
            || url.getHost() == null
            || url.getRawUserInfo() != null) {
          throw new java.net.URISyntaxException(entry.getKey(), "not an http(s) URL");
        }
        urls.put(provider, url);
      } catch (java.net.URISyntaxException e) {
        problems.add(entry.getKey() + " must be an http(s) URL without credentials");
      }
    }
    return urls;
  }

  private List<String> proxies() {
    List<String> ranges = new ArrayList<>();
    for (String item : text("KILLTOKEN_TRUSTED_PROXIES").orElse("").split(",")) {
      String range = item.strip();
      if (range.isEmpty()) {
        continue;
      }
      if (!PROXY.matcher(range).matches()) {
        problems.add("KILLTOKEN_TRUSTED_PROXIES must be a comma-separated list of IPs or CIDRs");
        return List.of();
      }
      ranges.add(range);
    }
    return ranges;
  }

  /** A secret from {@code NAME} or from the file named by {@code NAME_FILE}, not both. */
  private Optional<PlainSecret> secret(String name) {
    Optional<String> direct = text(name);
    Optional<String> file = text(name + "_FILE");
    if (direct.isPresent() && file.isPresent()) {
      problems.add("set either " + name + " or " + name + "_FILE, not both");
      return Optional.empty();
    }
    if (file.isPresent()) {
      try {
        String content = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).strip();
        if (content.isEmpty()) {
          problems.add(name + "_FILE names an empty file");
          return Optional.empty();
        }
        return Optional.of(new PlainSecret(content));
      } catch (IOException | RuntimeException e) {
        problems.add(name + "_FILE names a file that cannot be read");
        return Optional.empty();
      }
    }
    return direct.map(PlainSecret::new);
  }

  /** Parsed now, so a bad keyset is listed with every other problem instead of failing later. */
  private void requireUsableKeyset(PlainSecret keyset) {
    try {
      MasterKeyset.fromJson(keyset.value());
    } catch (InvalidMasterKeyset e) {
      // Its message says what is wrong and never quotes the keyset.
      problems.add("KILLTOKEN_MASTER_KEYSET is not usable: " + e.getMessage());
    }
  }

  private void requirePrefix(String name, PlainSecret value, String... prefixes) {
    for (String prefix : prefixes) {
      if (value.value().startsWith(prefix)) {
        return;
      }
    }
    problems.add(name + " must start with " + String.join(" or ", prefixes));
  }

  private void requireInProduction(String name, Optional<PlainSecret> value) {
    if (value.isEmpty()) {
      problems.add(name + " (or " + name + "_FILE) is required when KILLTOKEN_ENV=production");
    }
  }
}
