package io.killtoken.application.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.apikey.ApiKey;
import io.killtoken.domain.apikey.ApiKeyFormat;
import io.killtoken.domain.apikey.ApiKeyScope;
import io.killtoken.domain.error.InvalidApiKey;
import io.killtoken.domain.error.PermissionDenied;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticateApiKeyTest {

  private final ApiKeyFixture f = new ApiKeyFixture();

  @Test
  void an_issued_key_authenticates_for_its_scope() {
    IssuedApiKey gateway = f.issue(f.tenantA, "gateway", ApiKeyScope.GATEWAY);
    IssuedApiKey admin = f.issue(f.tenantA, "admin", ApiKeyScope.ADMIN);

    ApiKey forGateway = f.authenticate.authenticate(gateway.plain().value(), ApiKeyScope.GATEWAY);
    ApiKey forAdmin = f.authenticate.authenticate(admin.plain().value(), ApiKeyScope.ADMIN);

    assertEquals(gateway.key().id(), forGateway.id());
    assertEquals(f.tenantA, forGateway.tenantId());
    assertEquals(admin.key().id(), forAdmin.id());
  }

  @Test
  void a_key_with_both_scopes_authenticates_for_either() {
    IssuedApiKey both = f.issue(f.tenantA, "both", ApiKeyScope.GATEWAY, ApiKeyScope.ADMIN);

    assertEquals(
        both.key().id(),
        f.authenticate.authenticate(both.plain().value(), ApiKeyScope.GATEWAY).id());
    assertEquals(
        both.key().id(), f.authenticate.authenticate(both.plain().value(), ApiKeyScope.ADMIN).id());
  }

  @Test
  void a_gateway_only_key_asking_for_admin_is_denied_naming_the_scope() {
    IssuedApiKey gateway = f.issue(f.tenantA, "gateway", ApiKeyScope.GATEWAY);

    PermissionDenied denied =
        assertThrows(
            PermissionDenied.class,
            () -> f.authenticate.authenticate(gateway.plain().value(), ApiKeyScope.ADMIN));

    assertTrue(denied.getMessage().contains("'admin'"), denied.getMessage());
  }

  @Test
  void an_admin_only_key_cannot_call_the_gateway() {
    IssuedApiKey admin = f.issue(f.tenantA, "admin", ApiKeyScope.ADMIN);

    assertThrows(
        PermissionDenied.class,
        () -> f.authenticate.authenticate(admin.plain().value(), ApiKeyScope.GATEWAY));
  }

  @Test
  void a_revoked_key_is_refused_on_the_very_next_request() {
    IssuedApiKey issued = f.issue(f.tenantA, "ci", ApiKeyScope.GATEWAY);
    f.authenticate.authenticate(issued.plain().value(), ApiKeyScope.GATEWAY);

    f.manage.revoke(f.tenantA, issued.key().id());

    assertThrows(
        InvalidApiKey.class,
        () -> f.authenticate.authenticate(issued.plain().value(), ApiKeyScope.GATEWAY));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"kt_", "kt_short", "sk-not-ours-at-all", "Bearer kt_abc"})
  void a_malformed_key_is_refused(String presented) {
    f.issue(f.tenantA, "ci", ApiKeyScope.GATEWAY);

    assertThrows(
        InvalidApiKey.class, () -> f.authenticate.authenticate(presented, ApiKeyScope.GATEWAY));
  }

  @Test
  void an_issued_key_with_one_character_changed_is_refused() {
    String plain = f.issue(f.tenantA, "ci", ApiKeyScope.GATEWAY).plain().value();
    char tenth = plain.charAt(10);
    String mistyped = plain.substring(0, 10) + (tenth == 'a' ? 'b' : 'a') + plain.substring(11);

    assertThrows(
        InvalidApiKey.class, () -> f.authenticate.authenticate(mistyped, ApiKeyScope.GATEWAY));
  }

  @Test
  void a_well_formed_key_that_was_never_issued_is_refused() {
    f.issue(f.tenantA, "ci", ApiKeyScope.GATEWAY);
    String madeUp = new ApiKeyFormat(new SecureRandom()).generate().value();

    assertThrows(
        InvalidApiKey.class, () -> f.authenticate.authenticate(madeUp, ApiKeyScope.GATEWAY));
  }

  @Test
  void the_last_use_is_recorded_at_most_once_a_minute_per_key() {
    IssuedApiKey one = f.issue(f.tenantA, "one", ApiKeyScope.GATEWAY);
    IssuedApiKey two = f.issue(f.tenantA, "two", ApiKeyScope.GATEWAY);
    Instant start = f.clock.instant();

    f.authenticate.authenticate(one.plain().value(), ApiKeyScope.GATEWAY);
    assertEquals(Optional.of(start), lastUsed(one));
    assertEquals(1, f.backgroundTasks.get());

    f.clock.advance(Duration.ofSeconds(59));
    f.authenticate.authenticate(one.plain().value(), ApiKeyScope.GATEWAY);
    f.authenticate.authenticate(one.plain().value(), ApiKeyScope.GATEWAY);
    assertEquals(Optional.of(start), lastUsed(one));
    assertEquals(1, f.backgroundTasks.get());

    f.authenticate.authenticate(two.plain().value(), ApiKeyScope.GATEWAY);
    assertEquals(Optional.of(f.clock.instant()), lastUsed(two), "each key has its own minute");
    assertEquals(2, f.backgroundTasks.get());

    f.clock.advance(Duration.ofSeconds(1));
    f.authenticate.authenticate(one.plain().value(), ApiKeyScope.GATEWAY);
    assertEquals(Optional.of(start.plusSeconds(60)), lastUsed(one));
    assertEquals(3, f.backgroundTasks.get());
  }

  @Test
  void a_refused_request_does_not_count_as_a_use() {
    IssuedApiKey gateway = f.issue(f.tenantA, "gateway", ApiKeyScope.GATEWAY);

    assertThrows(
        PermissionDenied.class,
        () -> f.authenticate.authenticate(gateway.plain().value(), ApiKeyScope.ADMIN));

    assertEquals(Optional.empty(), lastUsed(gateway));
    assertEquals(0, f.backgroundTasks.get());
  }

  private Optional<Instant> lastUsed(IssuedApiKey issued) {
    return f.keys.find(f.tenantA, issued.key().id()).orElseThrow().lastUsedAt();
  }
}
