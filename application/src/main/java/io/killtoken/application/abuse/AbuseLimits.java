package io.killtoken.application.abuse;

import io.killtoken.domain.error.LimitExceeded;
import io.killtoken.domain.limit.CounterNames;
import io.killtoken.domain.limit.LimitKey;
import io.killtoken.domain.limit.RateDecision;
import io.killtoken.domain.limit.RateLimiter;
import io.killtoken.domain.user.Email;
import java.time.Duration;
import java.util.Optional;

/**
 * Abuse limits on the public endpoints, counted in the shared {@link RateLimiter}: login attempts
 * per client IP and per email, sign-ups per client IP. Counter names carry a keyed hash of the IP
 * or email, never the value itself.
 *
 * <p>While the counter store is unreachable the limits fail open: logins keep working, and scrypt's
 * cost still bounds how fast anyone can guess. Readiness reports the store as down.
 */
public final class AbuseLimits {

  private static final Duration LOGIN_WINDOW = Duration.ofMinutes(15);
  private static final Duration SIGNUP_WINDOW = Duration.ofHours(1);

  private final RateLimiter limiter;
  private final CounterNames names;
  private final Settings settings;

  /** How many attempts each window allows. */
  public record Settings(int loginPerEmail, int loginPerIp, int signUpPerIp) {

    public static final Settings DEFAULTS = new Settings(10, 50, 20);
  }

  public AbuseLimits(RateLimiter limiter, CounterNames names, Settings settings) {
    this.limiter = limiter;
    this.names = names;
    this.settings = settings;
  }

  /** Counts a login attempt; refuses it with 429 once the IP or the email is over its limit. */
  public void logIn(String clientIp, Optional<Email> email) {
    check(key("login:ip:", clientIp), settings.loginPerIp(), LOGIN_WINDOW);
    if (email.isPresent()) {
      check(key("login:email:", email.get().value()), settings.loginPerEmail(), LOGIN_WINDOW);
    }
  }

  /** A successful login clears the email's count, so its owner is not locked out later. */
  public void loggedIn(Email email) {
    try {
      limiter.reset(key("login:email:", email.value()));
    } catch (RuntimeException storeDown) {
      // the count expires with its window anyway
    }
  }

  public void signUp(String clientIp) {
    check(key("signup:ip:", clientIp), settings.signUpPerIp(), SIGNUP_WINDOW);
  }

  private void check(LimitKey key, int limit, Duration window) {
    RateDecision decision;
    try {
      decision = limiter.hit(key, limit, window);
    } catch (RuntimeException storeDown) {
      return;
    }
    if (!decision.allowed()) {
      throw new LimitExceeded(
          "too_many_attempts", "Too many attempts. Try again later.", decision.retryAfter());
    }
  }

  private LimitKey key(String prefix, String value) {
    return names.name(prefix, value);
  }
}
