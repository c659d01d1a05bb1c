package io.killtoken.application.account;

import static io.killtoken.application.account.AccountFixture.IP;
import static io.killtoken.application.account.AccountFixture.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.error.Conflict;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.LimitExceeded;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.settings.TenantSettings;
import io.killtoken.domain.tenant.Plan;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.user.Email;
import io.killtoken.domain.user.User;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignUpTest {

  private final AccountFixture f = new AccountFixture();

  @Test
  void sign_up_creates_a_free_tenant_with_its_owner_default_settings_and_a_session() {
    SignedIn in =
        f.signUp.signUp(new SignUpCommand("alice@example.com", PASSWORD, " Acme Labs ", IP));

    Tenant tenant = f.tenants.find(in.user().tenantId()).orElseThrow();
    assertEquals("Acme Labs", tenant.name());
    assertEquals(Plan.FREE, tenant.plan());
    assertEquals(f.clock.instant(), tenant.createdAt());

    User owner = f.users.findByEmail(new Email("alice@example.com")).orElseThrow();
    assertEquals(in.user().id(), owner.id());
    assertEquals(tenant.id(), owner.tenantId());

    assertEquals(Optional.of(TenantSettings.defaults(tenant.id())), f.settings.find(tenant.id()));

    assertEquals(owner.id(), in.session().userId());
    assertEquals(tenant.id(), in.session().tenantId());
    assertEquals(Optional.of(in.session()), f.authenticate.authenticate(in.cookieValue()));
  }

  @Test
  void the_stored_user_holds_a_hash_of_the_password_and_never_the_password() {
    f.signUp("alice@example.com");

    User stored = f.users.findByEmail(new Email("alice@example.com")).orElseThrow();
    assertFalse(stored.passwordHash().encoded().contains(PASSWORD));
    assertFalse(stored.toString().contains(PASSWORD));
    assertTrue(f.hasher.verify(new PlainSecret(PASSWORD), stored.passwordHash()));
    assertFalse(f.hasher.verify(new PlainSecret(PASSWORD + "!"), stored.passwordHash()));
  }

  @Test
  void the_owner_can_log_in_with_the_password_chosen_at_sign_up() {
    SignedIn signedUp = f.signUp("alice@example.com");

    SignedIn loggedIn = f.logIn("alice@example.com", PASSWORD);

    assertEquals(signedUp.user().id(), loggedIn.user().id());
  }

  @Test
  void two_sign_ups_create_two_separate_tenants() {
    SignedIn alice = f.signUp("alice@example.com");
    SignedIn bob = f.signUp("bob@example.com");

    assertNotEquals(alice.user().tenantId(), bob.user().tenantId());
    assertEquals(2, f.tenants.saved().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice@example.com", "ALICE@EXAMPLE.COM", "  Alice@Example.com\t"})
  void an_email_already_registered_in_any_case_or_spacing_is_a_conflict_and_creates_no_tenant(
      String again) {
    SignedIn first = f.signUp("alice@example.com");

    assertThrows(
        Conflict.class,
        () -> f.signUp.signUp(new SignUpCommand(again, "another password!", "Evil Co", IP)));

    assertEquals(
        List.of(first.user().tenantId()), f.tenants.saved().stream().map(Tenant::id).toList());
    assertEquals(1, f.settings.saved().size());
    assertEquals(first.user().id(), f.logIn("alice@example.com", PASSWORD).user().id());
  }

  static Stream<Arguments> invalid_sign_ups() {
    return Stream.of(
        Arguments.of("not-an-email", PASSWORD, "Acme", "'email'"),
        Arguments.of("alice@localhost", PASSWORD, "Acme", "'email'"),
        Arguments.of("", PASSWORD, "Acme", "'email'"),
        Arguments.of(null, PASSWORD, "Acme", "'email'"),
        Arguments.of("alice@example.com", "a".repeat(11), "Acme", "'password'"),
        Arguments.of("alice@example.com", "a".repeat(257), "Acme", "'password'"),
        Arguments.of("alice@example.com", "twelve chars\0more", "Acme", "'password'"),
        Arguments.of("alice@example.com", null, "Acme", "'password'"),
        Arguments.of("alice@example.com", PASSWORD, "", "'tenant_name'"),
        Arguments.of("alice@example.com", PASSWORD, "   ", "'tenant_name'"),
        Arguments.of("alice@example.com", PASSWORD, null, "'tenant_name'"),
        Arguments.of("alice@example.com", PASSWORD, "a".repeat(101), "'tenant_name'"),
        Arguments.of("alice@example.com", PASSWORD, "Acme\nLabs", "'tenant_name'"));
  }

  @ParameterizedTest
  @MethodSource("invalid_sign_ups")
  void an_invalid_sign_up_is_refused_naming_the_field_and_stores_nothing(
      String email, String password, String tenantName, String field) {
    InvalidRequest refused =
        assertThrows(
            InvalidRequest.class,
            () -> f.signUp.signUp(new SignUpCommand(email, password, tenantName, IP)));

    assertTrue(refused.getMessage().contains(field), refused.getMessage());
    assertEquals(List.of(), f.tenants.saved());
    assertEquals(List.of(), f.settings.saved());
    assertTrue(f.users.findByEmail(new Email("alice@example.com")).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(ints = {12, 256})
  void passwords_at_the_length_bounds_are_accepted(int length) {
    String password = "p".repeat(length);

    f.signUp.signUp(new SignUpCommand("alice@example.com", password, "Acme", IP));

    assertEquals(
        "alice@example.com", f.logIn("alice@example.com", password).user().email().value());
  }

  @Test
  void sign_ups_from_one_ip_are_limited_with_a_positive_retry_after() {
    for (int i = 0; i < 20; i++) {
      f.signUp.signUp(new SignUpCommand("user" + i + "@example.com", PASSWORD, "Acme", IP));
    }

    LimitExceeded refused =
        assertThrows(
            LimitExceeded.class,
            () -> f.signUp.signUp(new SignUpCommand("late@example.com", PASSWORD, "Acme", IP)));

    assertTrue(refused.retryAfter().compareTo(Duration.ZERO) > 0);
    assertEquals(20, f.tenants.saved().size());
    assertTrue(f.users.findByEmail(new Email("late@example.com")).isEmpty());
    f.signUp.signUp(new SignUpCommand("late@example.com", PASSWORD, "Acme", "198.51.100.2"));
  }

  @Test
  void a_sign_up_command_never_prints_the_password() {
    SignUpCommand command = new SignUpCommand("alice@example.com", PASSWORD, "Acme", IP);

    assertFalse(command.toString().contains(PASSWORD));
  }
}
