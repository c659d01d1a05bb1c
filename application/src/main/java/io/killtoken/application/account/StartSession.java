package io.killtoken.application.account;

import io.killtoken.domain.session.Session;
import io.killtoken.domain.session.SessionRepository;
import io.killtoken.domain.session.SessionTokens;
import io.killtoken.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** Use case: opens a new server-side session for a user; always a new id (no fixation). */
public final class StartSession {

  private final SessionRepository sessions;
  private final SessionTokens tokens;
  private final InstantSource clock;
  private final Duration lifetime;

  public StartSession(
      SessionRepository sessions, SessionTokens tokens, InstantSource clock, Duration lifetime) {
    this.sessions = sessions;
    this.tokens = tokens;
    this.clock = clock;
    this.lifetime = lifetime;
  }

  public SignedIn start(User user) {
    SessionTokens.Issued issued = tokens.issue();
    Instant now = clock.instant();
    Session session = new Session(issued.id(), user.id(), user.tenantId(), now, now.plus(lifetime));
    sessions.save(session);
    return new SignedIn(user, session, issued.cookieValue(), tokens.csrfTokenFor(issued.id()));
  }

  public Duration lifetime() {
    return lifetime;
  }
}
