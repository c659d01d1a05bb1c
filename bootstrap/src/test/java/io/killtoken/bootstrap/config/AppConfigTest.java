package io.killtoken.bootstrap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.adapters.crypto.secret.MasterKeyset;
import io.killtoken.domain.tenant.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {

  private static final String CANARY_URI = "mongodb://admin:CANARYpass@db:27017";

  @Test
  void an_empty_environment_runs_on_embedded_defaults() {
    AppConfig config = AppConfig.fromEnv(Map.of());

    assertEquals(Mode.DEVELOPMENT, config.mode());
    assertEquals(8080, config.port());
    assertEquals(Path.of("killtoken-data"), config.dataDir());
    assertEquals(16L * 1024 * 1024, config.maxBodyBytes());
    assertEquals(Duration.ofSeconds(20), config.drainTimeout());
    assertTrue(config.mongoUri().isEmpty());
    assertTrue(config.redisUrl().isEmpty());
    assertTrue(config.masterKeyset().isEmpty());
  }

  @Test
  void every_bad_variable_is_listed_at_once_without_its_value() {
    ConfigException error =
        assertThrows(
            ConfigException.class,
            () ->
                AppConfig.fromEnv(
                    Map.of(
                        "KILLTOKEN_ENV", "staging",
                        "KILLTOKEN_PORT", "eighty",
                        "KILLTOKEN_MAX_BODY_BYTES", "12",
                        "MONGODB_URI", "postgres://admin:CANARYpass@db",
                        "REDIS_URL", "CANARYredis")));

    assertEquals(5, error.problems().size(), error.getMessage());
    assertTrue(error.getMessage().contains("KILLTOKEN_ENV"));
    assertTrue(error.getMessage().contains("KILLTOKEN_PORT"));
    assertTrue(error.getMessage().contains("KILLTOKEN_MAX_BODY_BYTES"));
    assertTrue(error.getMessage().contains("MONGODB_URI"));
    assertTrue(error.getMessage().contains("REDIS_URL"));
    assertFalse(error.getMessage().contains("CANARY"));
  }

  @Test
  void production_refuses_to_start_without_its_secrets_and_names_each() {
    ConfigException error =
        assertThrows(
            ConfigException.class, () -> AppConfig.fromEnv(Map.of("KILLTOKEN_ENV", "production")));

    assertEquals(4, error.problems().size());
    assertTrue(error.getMessage().contains("KILLTOKEN_SESSION_SECRET"));
    assertTrue(error.getMessage().contains("MONGODB_URI"));
    assertTrue(error.getMessage().contains("REDIS_URL"));
    assertTrue(error.getMessage().contains("KILLTOKEN_MASTER_KEYSET"));
  }

  @Test
  void billing_variables_are_read_and_every_bad_one_is_listed_without_its_value() {
    AppConfig config =
        AppConfig.fromEnv(
            Map.of(
                "KILLTOKEN_STRIPE_SECRET_KEY", "sk_test_CANARY",
                "KILLTOKEN_STRIPE_WEBHOOK_SECRET", "whsec_CANARY",
                "KILLTOKEN_STRIPE_PRICE_PRO", "price_pro_1",
                "KILLTOKEN_PLAN_FREE_RPM", "5",
                "KILLTOKEN_PLAN_PRO_PRICE_LABEL", "$99 / month",
                "KILLTOKEN_PUBLIC_URL", "https://kt.example.com"));
    assertEquals(5, config.billing().plans().of(Plan.FREE).requestsPerMinute());
    assertEquals(Optional.of(Plan.PRO), config.billing().plans().planOfPrice("price_pro_1"));
    assertEquals("$99 / month", config.billing().plans().of(Plan.PRO).priceLabel());
    assertTrue(config.billing().stripe().isPresent());
    assertFalse(config.toString().contains("CANARY"), config.toString());
    assertTrue(AppConfig.fromEnv(Map.of()).billing().stripe().isEmpty(), "not configured");

    ConfigException error =
        assertThrows(
            ConfigException.class,
            () ->
                AppConfig.fromEnv(
                    Map.of(
                        "KILLTOKEN_STRIPE_SECRET_KEY", "CANARYkey",
                        "KILLTOKEN_STRIPE_PRICE_PRO", "CANARYprice",
                        "KILLTOKEN_PLAN_PRO_RPM", "0",
                        "KILLTOKEN_BILLING_GRACE_DAYS", "365",
                        "KILLTOKEN_PUBLIC_URL", "ftp://CANARY")));
    for (String name :
        List.of(
            "KILLTOKEN_STRIPE_SECRET_KEY must start",
            "KILLTOKEN_STRIPE_WEBHOOK_SECRET, or neither",
            "KILLTOKEN_STRIPE_PRICE_PRO must be",
            "KILLTOKEN_PLAN_PRO_RPM",
            "KILLTOKEN_BILLING_GRACE_DAYS",
            "KILLTOKEN_PUBLIC_URL")) {
      assertTrue(error.getMessage().contains(name), name + " in " + error.getMessage());
    }
    assertFalse(error.getMessage().contains("CANARY"), error.getMessage());
  }

  @Test
  void production_starts_with_its_secrets_and_printing_the_config_hides_them() {
    AppConfig config =
        AppConfig.fromEnv(
            Map.of(
                "KILLTOKEN_ENV", "production",
                "MONGODB_URI", CANARY_URI,
                "REDIS_URL", "redis://:CANARYpass@cache:6379",
                "KILLTOKEN_MASTER_KEYSET", MasterKeyset.generate().toJson(),
                "KILLTOKEN_SESSION_SECRET", "CANARY-session-secret-0123456789abcdef"));

    assertEquals(Mode.PRODUCTION, config.mode());
    assertEquals(CANARY_URI, config.mongoUri().orElseThrow().value());
    assertFalse(config.toString().contains("CANARY"), config.toString());
    assertFalse(config.toString().contains("keyData"), config.toString());
  }

  @Test
  void production_lists_a_garbage_keyset_with_every_other_bad_variable_and_never_quotes_it() {
    ConfigException error =
        assertThrows(
            ConfigException.class,
            () ->
                AppConfig.fromEnv(
                    Map.of(
                        "KILLTOKEN_ENV", "production",
                        "MONGODB_URI", "postgres://CANARY@db",
                        "KILLTOKEN_MASTER_KEYSET", "{\"CANARY-not-a-keyset\": true}",
                        "KILLTOKEN_SESSION_SECRET", "short",
                        "KILLTOKEN_PORT", "http")));

    assertEquals(5, error.problems().size(), error.getMessage());
    assertTrue(error.getMessage().contains("MONGODB_URI must start with"), error.getMessage());
    assertTrue(error.getMessage().contains("REDIS_URL"), error.getMessage());
    assertTrue(
        error.getMessage().contains("KILLTOKEN_MASTER_KEYSET is not usable"), error.getMessage());
    assertTrue(error.getMessage().contains("KILLTOKEN_SESSION_SECRET"), error.getMessage());
    assertTrue(error.getMessage().contains("KILLTOKEN_PORT"), error.getMessage());
    assertFalse(error.getMessage().contains("CANARY"), error.getMessage());
  }

  @Test
  void a_keyset_that_is_not_json_is_listed_in_any_mode() {
    ConfigException error =
        assertThrows(
            ConfigException.class,
            () -> AppConfig.fromEnv(Map.of("KILLTOKEN_MASTER_KEYSET", "not json at all")));

    assertEquals(1, error.problems().size(), error.getMessage());
    assertTrue(error.problems().getFirst().startsWith("KILLTOKEN_MASTER_KEYSET is not usable"));
  }

  @Test
  void trusted_proxies_and_cookie_flags_are_read_and_checked() {
    AppConfig config =
        AppConfig.fromEnv(
            Map.of(
                "KILLTOKEN_TRUSTED_PROXIES", "10.0.0.0/8, 192.168.1.7,::1",
                "KILLTOKEN_COOKIE_SECURE", "true",
                "KILLTOKEN_SESSION_TTL_HOURS", "8"));
    ConfigException error =
        assertThrows(
            ConfigException.class,
            () ->
                AppConfig.fromEnv(
                    Map.of(
                        "KILLTOKEN_TRUSTED_PROXIES", "lb.internal",
                        "KILLTOKEN_COOKIE_SECURE", "yes",
                        "KILLTOKEN_SESSION_SECRET", "short")));

    assertEquals(java.util.List.of("10.0.0.0/8", "192.168.1.7", "::1"), config.trustedProxies());
    assertTrue(config.cookieSecure());
    assertEquals(Duration.ofHours(8), config.sessionLifetime());
    assertEquals(3, error.problems().size(), error.getMessage());
    assertFalse(error.getMessage().contains("short"));
  }

  @Test
  void operator_prices_override_the_catalog_and_bad_lines_are_named(@TempDir Path dir)
      throws Exception {
    Path good = dir.resolve("prices.properties");
    java.nio.file.Files.writeString(good, "# negotiated\nopenai/gpt-4o-mini = 0.10, 0.05, 0.40\n");
    AppConfig config =
        AppConfig.fromEnv(
            Map.of("KILLTOKEN_PRICES_FILE", good.toString(), "KILLTOKEN_UPSTREAM_RETRIES", "0"));

    var price = config.gateway().prices().overrides().get("openai/gpt-4o-mini");
    assertEquals(100_000, price.inputPerMillion().value());
    assertEquals(50_000, price.cachedInputPerMillion().value());
    assertEquals(400_000, price.outputPerMillion().value());
    assertEquals(0, config.gateway().retries().retries());

    Path bad = dir.resolve("bad.properties");
    java.nio.file.Files.writeString(bad, "gpt-4o = 1,2,3\nopenai/o3 = one, two\n");
    ConfigException error =
        assertThrows(
            ConfigException.class,
            () ->
                AppConfig.fromEnv(
                    Map.of(
                        "KILLTOKEN_PRICES_FILE",
                        bad.toString(),
                        "KILLTOKEN_UPSTREAM_RETRIES",
                        "9")));
    assertEquals(3, error.problems().size(), error.getMessage());
    assertTrue(error.getMessage().contains("'gpt-4o' is not provider/model"));
    assertTrue(error.getMessage().contains("'openai/o3' must be three dollar amounts"));
    assertTrue(error.getMessage().contains("KILLTOKEN_UPSTREAM_RETRIES"));
  }

  @Test
  void a_secret_can_come_from_a_file(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mongo-uri");
    Files.writeString(file, CANARY_URI + "\n");

    AppConfig config = AppConfig.fromEnv(Map.of("MONGODB_URI_FILE", file.toString()));

    assertEquals(CANARY_URI, config.mongoUri().orElseThrow().value());
  }

  @Test
  void a_secret_given_twice_or_from_a_missing_file_is_refused() {
    ConfigException twice =
        assertThrows(
            ConfigException.class,
            () ->
                AppConfig.fromEnv(
                    Map.of("REDIS_URL", "redis://a", "REDIS_URL_FILE", "/etc/redis-url")));
    ConfigException missing =
        assertThrows(
            ConfigException.class,
            () -> AppConfig.fromEnv(Map.of("KILLTOKEN_MASTER_KEYSET_FILE", "/nonexistent/keyset")));

    assertTrue(twice.getMessage().contains("not both"));
    assertTrue(missing.getMessage().contains("KILLTOKEN_MASTER_KEYSET_FILE"));
  }
}
