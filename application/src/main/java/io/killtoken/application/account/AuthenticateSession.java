package io.killtoken.application.account;

import io.killtoken.domain.session.Session;
import io.killtoken.domain.session.SessionRepository;
import io.killtoken.domain.session.SessionTokens;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Use case: the session a cookie stands for — only when its signature holds, the server-side record
 * exists (logout and password change delete it) and it has not expired.
 */
public final class AuthenticateSession {

  private final SessionRepository sessions;
  private final SessionTokens tokens;
  private final InstantSource clock;

  public AuthenticateSession(
      SessionRepository sessions, SessionTokens tokens, InstantSource clock) {
    this.sessions = sessions;
    this.tokens = tokens;
    this.clock = clock;
  }

  public Optional<Session> authenticate(String cookieValue) {
    return tokens
        .verify(cookieValue)
        .flatMap(sessions::find)
        .filter(
            session -> {
              if (session.expiredAt(clock.instant())) {
                sessions.delete(session.id());
                return false;
              }
              return true;
            });
  }

  /** The token state-changing requests made with this session's cookie must carry. */
  public String csrfToken(Session session) {
    return tokens.csrfTokenFor(session.id());
  }

  /** Logout: the session record is deleted, so the cookie is worthless everywhere at once. */
  public void end(Session session) {
    sessions.delete(session.id());
  }
}
