package io.killtoken.domain.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link UserRepository} must have; each implementation's test extends it. */
public abstract class UserRepositoryContract {

  private static final Instant CREATED = Instant.parse("2026-11-01T10:15:30.123Z");

  protected abstract UserRepository repository();

  /** An address no other test uses, since implementations may keep users across tests. */
  protected static Email freshEmail() {
    return new Email("ada." + UUID.randomUUID().toString().substring(0, 13) + "@example.com");
  }

  protected static User user(Email email) {
    return new User(
        UserId.random(),
        TenantId.random(),
        email,
        new PasswordHash("$s0$e0801$c2FsdA==$ZGlnZXN0" + UUID.randomUUID()),
        CREATED);
  }

  @Test
  void an_inserted_user_is_found_by_id_and_by_email_with_every_field() {
    User ada = user(freshEmail());

    assertTrue(repository().insert(ada));

    assertEquals(Optional.of(ada), repository().find(ada.id()));
    assertEquals(Optional.of(ada), repository().findByEmail(ada.email()));
  }

  @Test
  void an_email_is_found_however_it_was_typed() {
    Email email = freshEmail();
    User ada = user(email);
    repository().insert(ada);

    Email shouted = new Email("  " + email.value().toUpperCase(Locale.ROOT) + " ");

    assertEquals(Optional.of(ada), repository().findByEmail(shouted));
  }

  @Test
  void a_second_user_with_a_taken_email_is_refused_and_nothing_of_it_is_stored() {
    Email email = freshEmail();
    User first = user(email);
    User second = user(new Email(email.value().toUpperCase(Locale.ROOT)));
    repository().insert(first);

    assertFalse(repository().insert(second));

    assertTrue(repository().find(second.id()).isEmpty(), "the refused user is not stored");
    assertEquals(Optional.of(first), repository().findByEmail(email), "the first keeps it");
  }

  @Test
  void inserting_the_same_user_twice_is_refused_the_second_time() {
    User ada = user(freshEmail());
    repository().insert(ada);

    assertFalse(repository().insert(ada));
    assertEquals(Optional.of(ada), repository().find(ada.id()));
  }

  @Test
  void of_twenty_concurrent_sign_ups_with_one_email_exactly_one_wins() throws Exception {
    Email email = freshEmail();
    List<User> contenders = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      contenders.add(user(email));
    }
    // A latch lines the threads up so that the inserts really overlap.
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Boolean>> signUps = new ArrayList<>();
    for (User contender : contenders) {
      signUps.add(
          () -> {
            start.await();
            return repository().insert(contender);
          });
    }

    List<User> winners = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(contenders.size())) {
      List<Future<Boolean>> results = new ArrayList<>();
      for (Callable<Boolean> signUp : signUps) {
        results.add(pool.submit(signUp));
      }
      start.countDown();
      for (int i = 0; i < contenders.size(); i++) {
        if (results.get(i).get()) {
          winners.add(contenders.get(i));
        }
      }
    }

    assertEquals(1, winners.size(), "exactly one insert wins");
    User winner = winners.getFirst();
    assertEquals(Optional.of(winner), repository().findByEmail(email));
    for (User contender : contenders) {
      if (!contender.equals(winner)) {
        assertTrue(repository().find(contender.id()).isEmpty(), "a loser is not stored");
      }
    }
  }

  @Test
  void an_update_replaces_the_password_hash() {
    User ada = user(freshEmail());
    repository().insert(ada);
    User changed = ada.withPasswordHash(new PasswordHash("$s0$e0801$bmV3$bmV3IGRpZ2VzdA=="));

    repository().update(changed);

    assertEquals(Optional.of(changed), repository().find(ada.id()));
    assertEquals(Optional.of(changed), repository().findByEmail(ada.email()));
  }

  @Test
  void an_update_cannot_take_another_users_email() {
    User ada = user(freshEmail());
    User eve = user(freshEmail());
    repository().insert(ada);
    repository().insert(eve);

    repository()
        .update(new User(eve.id(), eve.tenantId(), ada.email(), eve.passwordHash(), CREATED));

    assertEquals(Optional.of(ada), repository().findByEmail(ada.email()));
    assertEquals(Optional.of(eve), repository().find(eve.id()), "eve keeps her own email");
  }

  @Test
  void an_update_cannot_move_a_user_to_another_tenant() {
    User ada = user(freshEmail());
    repository().insert(ada);

    repository()
        .update(new User(ada.id(), TenantId.random(), ada.email(), ada.passwordHash(), CREATED));

    assertEquals(Optional.of(ada), repository().find(ada.id()));
  }

  @Test
  void updating_a_user_that_was_never_inserted_stores_nothing() {
    User ghost = user(freshEmail());

    repository().update(ghost);

    assertTrue(repository().find(ghost.id()).isEmpty());
    assertTrue(repository().findByEmail(ghost.email()).isEmpty());
  }

  @Test
  void an_unknown_id_or_email_finds_nothing() {
    assertTrue(repository().find(UserId.random()).isEmpty());
    assertTrue(repository().findByEmail(freshEmail()).isEmpty());
  }

  @Test
  void deleting_all_of_a_tenants_users_frees_their_emails_and_leaves_other_tenants_users() {
    User closing = user(freshEmail());
    User other = user(freshEmail());
    repository().insert(closing);
    repository().insert(other);

    assertEquals(1, repository().deleteAllOf(closing.tenantId()));

    assertTrue(repository().find(closing.id()).isEmpty());
    assertTrue(repository().findByEmail(closing.email()).isEmpty());
    assertEquals(Optional.of(other), repository().find(other.id()));
    User again =
        new User(
            UserId.random(),
            TenantId.random(),
            closing.email(),
            closing.passwordHash(),
            closing.createdAt());
    assertTrue(repository().insert(again), "the email can sign up again");
  }
}
