package io.killtoken.application.abuse;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.application.testing.RecordingRateLimiter;
import io.killtoken.domain.error.LimitExceeded;
import io.killtoken.domain.limit.CounterNames;
import io.killtoken.domain.limit.LimitKey;
import io.killtoken.domain.user.Email;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AbuseLimitsTest {

  private static final Email ALICE = new Email("Alice.Smith@Example.com");
  private static final String IPV4 = "203.0.113.7";
  private static final String IPV6 = "2001:db8::7";

  private final RecordingRateLimiter limiter = new RecordingRateLimiter();
  private final AbuseLimits limits =
      new AbuseLimits(limiter, new CounterNames(new byte[32]), AbuseLimits.Settings.DEFAULTS);

  @ParameterizedTest
  @ValueSource(strings = {IPV4, IPV6})
  void counter_names_never_contain_the_raw_email_or_ip(String ip) {
    limits.logIn(ip, Optional.of(ALICE));
    limits.loggedIn(ALICE);
    limits.signUp(ip);

    List<LimitKey> keys = limiter.keysSeen();
    assertEquals(4, keys.size(), "ip and email on login, email on reset, ip on sign-up");
    for (LimitKey key : keys) {
      String name = key.value().toLowerCase(Locale.ROOT);
      assertFalse(name.contains(ip.toLowerCase(Locale.ROOT)), name);
      assertFalse(name.contains("alice"), name);
      assertFalse(name.contains("example.com"), name);
      assertFalse(name.contains(ALICE.value()), name);
    }
  }

  @Test
  void login_by_ip_login_by_email_and_sign_up_by_ip_are_separate_counters() {
    limits.logIn(IPV4, Optional.of(ALICE));
    limits.signUp(IPV4);

    assertEquals(3, new HashSet<>(limiter.keysSeen()).size());
  }

  @Test
  void different_ips_and_emails_get_different_counters() {
    limits.logIn(IPV4, Optional.of(ALICE));
    limits.logIn("203.0.113.8", Optional.of(new Email("bob@example.com")));

    assertEquals(4, Set.copyOf(limiter.keysSeen()).size());
  }

  @Test
  void every_spelling_of_an_email_is_one_counter() {
    limits.logIn(IPV4, Optional.of(new Email("alice.smith@example.com")));
    limits.logIn(IPV4, Optional.of(new Email("  ALICE.SMITH@EXAMPLE.COM ")));

    List<LimitKey> keys = limiter.keysSeen();
    assertEquals(keys.get(1), keys.get(3));
    assertNotEquals(keys.get(0), keys.get(1));
  }

  @Test
  void the_eleventh_login_on_one_email_is_refused_with_a_positive_retry_after() {
    for (int i = 0; i < 10; i++) {
      limits.logIn("203.0.113." + i, Optional.of(ALICE));
    }

    LimitExceeded refused =
        assertThrows(LimitExceeded.class, () -> limits.logIn("203.0.113.99", Optional.of(ALICE)));

    assertTrue(refused.retryAfter().compareTo(Duration.ZERO) > 0);
    assertFalse(refused.getMessage().contains(ALICE.value()));
  }

  @Test
  void the_fifty_first_login_from_one_ip_is_refused_even_without_an_email() {
    for (int i = 0; i < 50; i++) {
      limits.logIn(IPV4, Optional.empty());
    }

    assertThrows(LimitExceeded.class, () -> limits.logIn(IPV4, Optional.empty()));
    assertDoesNotThrow(() -> limits.logIn("203.0.113.8", Optional.empty()));
  }

  @Test
  void the_twenty_first_sign_up_from_one_ip_is_refused() {
    for (int i = 0; i < 20; i++) {
      limits.signUp(IPV4);
    }

    LimitExceeded refused = assertThrows(LimitExceeded.class, () -> limits.signUp(IPV4));

    assertTrue(refused.retryAfter().compareTo(Duration.ZERO) > 0);
    assertDoesNotThrow(() -> limits.logIn(IPV4, Optional.of(ALICE)), "logins are counted apart");
  }

  @Test
  void a_successful_login_resets_only_the_email_count() {
    for (int i = 0; i < 10; i++) {
      limits.logIn(IPV4, Optional.of(ALICE));
    }

    limits.loggedIn(ALICE);

    assertDoesNotThrow(() -> limits.logIn("203.0.113.8", Optional.of(ALICE)));
    for (int i = 10; i < 50; i++) {
      limits.logIn(IPV4, Optional.empty());
    }
    assertThrows(
        LimitExceeded.class,
        () -> limits.logIn(IPV4, Optional.empty()),
        "the ip count went on from 10");
  }

  @Test
  void while_the_counter_store_is_down_the_limits_let_requests_through() {
    limiter.goDown();

    assertDoesNotThrow(() -> limits.logIn(IPV4, Optional.of(ALICE)));
    assertDoesNotThrow(() -> limits.loggedIn(ALICE));
    assertDoesNotThrow(() -> limits.signUp(IPV4));
  }
}
