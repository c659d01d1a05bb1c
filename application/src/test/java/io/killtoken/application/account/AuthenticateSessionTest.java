package io.killtoken.application.account;

import static io.killtoken.application.account.AccountFixture.LIFETIME;
import static io.killtoken.application.account.AccountFixture.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.session.Session;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticateSessionTest {

  private final AccountFixture f = new AccountFixture();
  private SignedIn alice;

  @BeforeEach
  void alice_is_signed_in() {
    alice = f.signUp("alice@example.com");
  }

  @Test
  void a_valid_cookie_stands_for_its_session() {
    Optional<Session> session = f.authenticate.authenticate(alice.cookieValue());

    assertEquals(Optional.of(alice.session()), session);
    assertEquals(alice.user().id(), session.orElseThrow().userId());
    assertEquals(alice.user().tenantId(), session.orElseThrow().tenantId());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 21, 42, 44, 65, 86})
  void a_cookie_with_one_character_changed_is_refused(int position) {
    String cookie = alice.cookieValue();
    char original = cookie.charAt(position);
    String tampered =
        cookie.substring(0, position)
            + (original == 'A' ? 'B' : 'A')
            + cookie.substring(position + 1);
    assertNotEquals(cookie, tampered);

    assertEquals(Optional.empty(), f.authenticate.authenticate(tampered));
  }

  @Test
  void a_cookie_signed_with_another_key_is_refused_even_when_its_session_is_stored() {
    StartSession elsewhere =
        new StartSession(f.sessions, AccountFixture.tokens((byte) 8), f.clock, LIFETIME);
    SignedIn forged = elsewhere.start(alice.user());
    assertTrue(f.sessions.find(forged.session().id()).isPresent());

    assertEquals(Optional.empty(), f.authenticate.authenticate(forged.cookieValue()));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"garbage", "a.b", ".", "\u0000", "Bearer xyz"})
  void garbage_is_refused(String cookie) {
    assertEquals(Optional.empty(), f.authenticate.authenticate(cookie));
  }

  @Test
  void a_valid_cookie_with_something_around_it_is_refused() {
    assertEquals(Optional.empty(), f.authenticate.authenticate(alice.cookieValue() + "x"));
    assertEquals(Optional.empty(), f.authenticate.authenticate(" " + alice.cookieValue()));
  }

  @Test
  void after_logout_the_cookie_is_refused_but_the_users_other_sessions_stay() {
    SignedIn otherDevice = f.logIn("alice@example.com", PASSWORD);

    f.authenticate.end(alice.session());

    assertEquals(Optional.empty(), f.authenticate.authenticate(alice.cookieValue()));
    assertEquals(
        Optional.of(otherDevice.session()), f.authenticate.authenticate(otherDevice.cookieValue()));
  }

  @Test
  void a_session_is_valid_until_just_before_it_expires() {
    f.clock.advance(LIFETIME.minus(Duration.ofSeconds(1)));

    assertEquals(Optional.of(alice.session()), f.authenticate.authenticate(alice.cookieValue()));
  }

  @Test
  void an_expired_session_is_refused_and_its_record_deleted() {
    f.clock.advance(LIFETIME);
    assertTrue(f.sessions.find(alice.session().id()).isPresent());

    assertEquals(Optional.empty(), f.authenticate.authenticate(alice.cookieValue()));

    assertEquals(Optional.empty(), f.sessions.find(alice.session().id()));
  }

  @Test
  void a_session_lasts_the_configured_lifetime() {
    assertEquals(f.clock.instant().plus(LIFETIME), alice.session().expiresAt());
  }
}
