package io.killtoken.application.account;

import static io.killtoken.application.account.AccountFixture.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.LimitExceeded;
import io.killtoken.domain.error.PermissionDenied;
import io.killtoken.domain.error.Unauthenticated;
import io.killtoken.domain.user.Email;
import io.killtoken.domain.user.PasswordHash;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChangePasswordTest {

  private static final String NEW_PASSWORD = "a brand new passphrase";
  private static final String IP = "203.0.113.7";

  private final AccountFixture f = new AccountFixture();
  private SignedIn alice;
  private SignedIn aliceOnHerPhone;
  private SignedIn bob;

  @BeforeEach
  void alice_is_signed_in_on_two_devices_and_bob_on_one() {
    alice = f.signUp("alice@example.com");
    aliceOnHerPhone = f.logIn("alice@example.com", PASSWORD);
    bob = f.signUp("bob@example.com");
  }

  private SignedIn change(String current, String next) {
    return f.changePassword.change(new ChangePasswordCommand(alice.session(), current, next, IP));
  }

  @Test
  void a_wrong_current_password_is_refused_and_nothing_changes() {
    PasswordHash before = aliceHash();

    assertThrows(PermissionDenied.class, () -> change("not my password", NEW_PASSWORD));

    assertEquals(before, aliceHash());
    assertTrue(f.authenticate.authenticate(alice.cookieValue()).isPresent());
    assertTrue(f.authenticate.authenticate(aliceOnHerPhone.cookieValue()).isPresent());
    assertThrows(Unauthenticated.class, () -> f.logIn("alice@example.com", NEW_PASSWORD));
  }

  @Test
  void the_new_password_replaces_the_old_one() {
    PasswordHash before = aliceHash();

    change(PASSWORD, NEW_PASSWORD);

    assertNotEquals(before, aliceHash());
    assertThrows(Unauthenticated.class, () -> f.logIn("alice@example.com", PASSWORD));
    assertEquals(alice.user().id(), f.logIn("alice@example.com", NEW_PASSWORD).user().id());
  }

  @Test
  void a_change_ends_every_session_of_the_user_on_every_device() {
    change(PASSWORD, NEW_PASSWORD);

    assertEquals(Optional.empty(), f.authenticate.authenticate(alice.cookieValue()));
    assertEquals(Optional.empty(), f.authenticate.authenticate(aliceOnHerPhone.cookieValue()));
  }

  @Test
  void a_change_leaves_other_users_sessions_alone() {
    change(PASSWORD, NEW_PASSWORD);

    assertEquals(Optional.of(bob.session()), f.authenticate.authenticate(bob.cookieValue()));
  }

  @Test
  void a_change_returns_a_fresh_working_session_for_the_caller() {
    SignedIn fresh = change(PASSWORD, NEW_PASSWORD);

    assertEquals(alice.user().id(), fresh.user().id());
    assertNotEquals(alice.session().id(), fresh.session().id());
    assertNotEquals(aliceOnHerPhone.session().id(), fresh.session().id());
    assertEquals(Optional.of(fresh.session()), f.authenticate.authenticate(fresh.cookieValue()));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"elevenchars", "nul inside\0 the password"})
  void a_new_password_breaking_the_policy_is_refused_and_nothing_changes(String next) {
    PasswordHash before = aliceHash();

    assertThrows(InvalidRequest.class, () -> change(PASSWORD, next));

    assertEquals(before, aliceHash());
    assertTrue(f.authenticate.authenticate(alice.cookieValue()).isPresent());
    assertTrue(f.authenticate.authenticate(aliceOnHerPhone.cookieValue()).isPresent());
  }

  @Test
  void a_257_character_new_password_is_refused() {
    assertThrows(InvalidRequest.class, () -> change(PASSWORD, "x".repeat(257)));

    assertEquals(alice.user().id(), f.logIn("alice@example.com", PASSWORD).user().id());
  }

  @Test
  void guessing_the_current_password_with_a_stolen_session_is_rate_limited() {
    PasswordHash before = aliceHash();
    for (int i = 0; i < 10; i++) {
      assertThrows(PermissionDenied.class, () -> change("guess the password", NEW_PASSWORD));
    }

    assertThrows(LimitExceeded.class, () -> change(PASSWORD, NEW_PASSWORD));
    assertEquals(before, aliceHash());
  }

  @Test
  void a_successful_change_clears_the_failed_attempts_so_the_owner_can_log_in_again() {
    for (int i = 0; i < 9; i++) {
      assertThrows(PermissionDenied.class, () -> change("mistyped the password", NEW_PASSWORD));
    }
    change(PASSWORD, NEW_PASSWORD);

    SignedIn onHerPhone = f.logIn("alice@example.com", NEW_PASSWORD);

    assertEquals(alice.user().id(), onHerPhone.user().id());
  }

  @Test
  void the_command_never_prints_either_password() {
    String printed =
        new ChangePasswordCommand(alice.session(), PASSWORD, NEW_PASSWORD, IP).toString();

    assertTrue(!printed.contains(PASSWORD) && !printed.contains(NEW_PASSWORD), printed);
  }

  private PasswordHash aliceHash() {
    return f.users.findByEmail(new Email("alice@example.com")).orElseThrow().passwordHash();
  }
}
