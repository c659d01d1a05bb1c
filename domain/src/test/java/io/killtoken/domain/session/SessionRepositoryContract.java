package io.killtoken.domain.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.user.UserId;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SessionRepository} must have; each implementation's test extends it.
 */
public abstract class SessionRepositoryContract {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Instant CREATED = Instant.parse("2026-11-01T10:15:30.123Z");
  // Far ahead, so that a store which purges expired sessions (MongoDB's TTL monitor) leaves the
  // sessions of these tests alone whenever they run.
  private static final Instant EXPIRES = CREATED.plus(Duration.ofDays(365L * 100));

  protected abstract SessionRepository repository();

  protected static SessionId sessionId() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new SessionId(HexFormat.of().formatHex(bytes));
  }

  protected static Session session(UserId user, TenantId tenant) {
    return new Session(sessionId(), user, tenant, CREATED, EXPIRES);
  }

  @Test
  void a_saved_session_is_found_by_its_id_with_every_field() {
    Session session = session(UserId.random(), TenantId.random());

    repository().save(session);

    assertEquals(Optional.of(session), repository().find(session.id()));
  }

  @Test
  void an_unknown_id_finds_nothing() {
    assertTrue(repository().find(sessionId()).isEmpty());
  }

  @Test
  void saving_again_replaces_the_session() {
    Session session = session(UserId.random(), TenantId.random());
    repository().save(session);
    Session renewed =
        new Session(
            session.id(), session.userId(), session.tenantId(), CREATED, EXPIRES.plusSeconds(60));

    repository().save(renewed);

    assertEquals(Optional.of(renewed), repository().find(session.id()));
  }

  @Test
  void a_deleted_session_is_gone_and_the_others_stay() {
    UserId user = UserId.random();
    TenantId tenant = TenantId.random();
    Session ended = session(user, tenant);
    Session other = session(user, tenant);
    repository().save(ended);
    repository().save(other);

    repository().delete(ended.id());

    assertTrue(repository().find(ended.id()).isEmpty());
    assertEquals(Optional.of(other), repository().find(other.id()));
  }

  @Test
  void deleting_an_unknown_session_is_harmless() {
    repository().delete(sessionId());
  }

  @Test
  void ending_a_users_sessions_removes_only_theirs_and_counts_them() {
    TenantId tenant = TenantId.random();
    UserId ada = UserId.random();
    UserId bob = UserId.random();
    List<Session> adas = new ArrayList<>();
    List<Session> bobs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      adas.add(session(ada, tenant));
    }
    for (int i = 0; i < 2; i++) {
      bobs.add(session(bob, tenant));
    }
    adas.forEach(repository()::save);
    bobs.forEach(repository()::save);

    assertEquals(3, repository().deleteForUser(ada));

    for (Session gone : adas) {
      assertTrue(repository().find(gone.id()).isEmpty(), "ada's sessions are gone");
    }
    for (Session kept : bobs) {
      assertEquals(Optional.of(kept), repository().find(kept.id()), "bob's sessions stay");
    }
    assertEquals(0, repository().deleteForUser(ada), "nothing is left to end");
  }

  @Test
  void ending_the_sessions_of_a_user_without_any_counts_zero() {
    assertEquals(0, repository().deleteForUser(UserId.random()));
  }

  @Test
  void deleting_all_of_a_tenants_sessions_counts_them_and_leaves_other_tenants_sessions() {
    TenantId closing = TenantId.random();
    Session owner = session(UserId.random(), closing);
    Session member = session(UserId.random(), closing);
    Session theirs = session(UserId.random(), TenantId.random());
    repository().save(owner);
    repository().save(member);
    repository().save(theirs);

    assertEquals(2, repository().deleteAllOf(closing));

    assertTrue(repository().find(owner.id()).isEmpty());
    assertTrue(repository().find(member.id()).isEmpty());
    assertEquals(Optional.of(theirs), repository().find(theirs.id()));
  }
}
