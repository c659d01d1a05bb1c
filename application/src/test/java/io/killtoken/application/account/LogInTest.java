package io.killtoken.application.account;

import static io.killtoken.application.account.AccountFixture.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.application.testing.SaltedSha256PasswordHasher;
import io.killtoken.domain.error.KillTokenException;
import io.killtoken.domain.error.LimitExceeded;
import io.killtoken.domain.error.Unauthenticated;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.user.Email;
import io.killtoken.domain.user.PasswordHash;
import io.killtoken.domain.user.User;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogInTest {

  private static final String ALICE = "alice@example.com";

  private final AccountFixture f = new AccountFixture();
  private SignedIn signedUp;

  @BeforeEach
  void alice_has_an_account() {
    signedUp = f.signUp(ALICE);
  }

  private SignedIn logIn(String email, String password, String ip) {
    return f.logIn.logIn(new LogInCommand(email, password, ip));
  }

  private KillTokenException refused(String email, String password, String ip) {
    return assertThrows(KillTokenException.class, () -> logIn(email, password, ip));
  }

  @Test
  void logging_in_opens_a_new_session_each_time_never_reusing_an_id() {
    SignedIn first = f.logIn(ALICE, PASSWORD);
    SignedIn second = f.logIn(ALICE, PASSWORD);

    assertEquals(
        3,
        Set.of(signedUp.session().id(), first.session().id(), second.session().id()).size(),
        "every login gets its own session id");
    assertNotEquals(first.cookieValue(), second.cookieValue());
    assertEquals(signedUp.user().id(), second.user().id());
    assertEquals(Optional.of(first.session()), f.authenticate.authenticate(first.cookieValue()));
    assertEquals(Optional.of(second.session()), f.authenticate.authenticate(second.cookieValue()));
  }

  @Test
  void the_email_is_matched_in_any_case_and_spacing() {
    assertEquals(signedUp.user().id(), f.logIn("  ALICE@Example.com ", PASSWORD).user().id());
  }

  @Test
  void a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    KillTokenException wrongPassword = refused(ALICE, "not the password", "203.0.113.1");
    KillTokenException unknownEmail = refused("nobody@example.com", PASSWORD, "203.0.113.2");

    assertEquals(Unauthenticated.class, wrongPassword.getClass());
    assertEquals(wrongPassword.getClass(), unknownEmail.getClass());
    assertEquals(wrongPassword.getMessage(), unknownEmail.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {
        "not-an-email, correct horse battery",
        "NULL, correct horse battery",
        "alice@example.com, short",
        "alice@example.com, NULL"
      })
  void a_malformed_email_or_password_gets_the_same_answer_as_a_wrong_password(
      String email, String password) {
    KillTokenException wrongPassword = refused(ALICE, "not the password", "203.0.113.1");
    KillTokenException malformed = refused(email, password, "203.0.113.2");

    assertEquals(wrongPassword.getClass(), malformed.getClass());
    assertEquals(wrongPassword.getMessage(), malformed.getMessage());
  }

  @Test
  void after_ten_attempts_on_one_email_even_the_right_password_is_refused_from_any_ip() {
    for (int i = 1; i <= 10; i++) {
      assertEquals(
          Unauthenticated.class, refused(ALICE, "guess number " + i, "203.0.113." + i).getClass());
    }

    LimitExceeded limited =
        assertThrows(LimitExceeded.class, () -> logIn(ALICE, PASSWORD, "203.0.113.99"));

    assertTrue(limited.retryAfter().compareTo(Duration.ZERO) > 0);
    assertEquals(
        LimitExceeded.class,
        refused(" Alice@EXAMPLE.com", PASSWORD, "203.0.113.100").getClass(),
        "another spelling of the email is the same counter");
  }

  @Test
  void after_fifty_attempts_from_one_ip_every_email_is_refused_there_but_not_elsewhere() {
    String ip = "203.0.113.50";
    for (int i = 0; i < 50; i++) {
      assertEquals(
          Unauthenticated.class, refused("user" + i + "@example.com", PASSWORD, ip).getClass());
    }

    LimitExceeded limited = assertThrows(LimitExceeded.class, () -> logIn(ALICE, PASSWORD, ip));

    assertTrue(limited.retryAfter().compareTo(Duration.ZERO) > 0);
    assertEquals(signedUp.user().id(), logIn(ALICE, PASSWORD, "203.0.113.51").user().id());
  }

  @Test
  void a_successful_login_clears_the_email_count_so_its_owner_is_not_locked_out() {
    for (int i = 1; i <= 9; i++) {
      refused(ALICE, "guess number " + i, "203.0.113." + i);
    }
    logIn(ALICE, PASSWORD, "203.0.113.10");

    for (int i = 11; i <= 20; i++) {
      assertEquals(
          Unauthenticated.class,
          refused(ALICE, "guess number " + i, "203.0.113." + i).getClass(),
          "attempt " + i + " is counted in a fresh window");
    }
    assertEquals(LimitExceeded.class, refused(ALICE, PASSWORD, "203.0.113.21").getClass());
  }

  @Test
  void a_hash_made_with_weaker_parameters_is_upgraded_on_the_next_login() {
    SaltedSha256PasswordHasher stronger = new SaltedSha256PasswordHasher(2);
    LogIn logInWithStrongerHasher = new LogIn(f.users, stronger, f.start, f.limits);
    PasswordHash before = storedHash();
    assertTrue(stronger.needsRehash(before));

    logInWithStrongerHasher.logIn(new LogInCommand(ALICE, PASSWORD, "203.0.113.1"));

    PasswordHash after = storedHash();
    assertNotEquals(before, after);
    assertFalse(stronger.needsRehash(after));
    assertTrue(stronger.verify(new PlainSecret(PASSWORD), after));
    assertEquals(
        signedUp.user().id(),
        logInWithStrongerHasher
            .logIn(new LogInCommand(ALICE, PASSWORD, "203.0.113.2"))
            .user()
            .id());
  }

  @Test
  void a_hash_with_current_parameters_is_left_as_it_is() {
    PasswordHash before = storedHash();

    f.logIn(ALICE, PASSWORD);

    assertEquals(before, storedHash());
  }

  @Test
  void a_wrong_password_does_not_upgrade_the_hash() {
    LogIn logInWithStrongerHasher =
        new LogIn(f.users, new SaltedSha256PasswordHasher(2), f.start, f.limits);
    PasswordHash before = storedHash();

    assertThrows(
        Unauthenticated.class,
        () ->
            logInWithStrongerHasher.logIn(
                new LogInCommand(ALICE, "not the password", "203.0.113.1")));

    assertEquals(before, storedHash());
  }

  @Test
  void neither_the_command_nor_the_result_prints_a_secret() {
    SignedIn in = f.logIn(ALICE, PASSWORD);

    assertFalse(new LogInCommand(ALICE, PASSWORD, "203.0.113.1").toString().contains(PASSWORD));
    assertFalse(in.toString().contains(in.cookieValue()));
    assertFalse(in.toString().contains(in.csrfToken()));
  }

  private PasswordHash storedHash() {
    User alice = f.users.findByEmail(new Email(ALICE)).orElseThrow();
    return alice.passwordHash();
  }
}
