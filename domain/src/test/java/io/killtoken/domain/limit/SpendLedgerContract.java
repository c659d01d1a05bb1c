package io.killtoken.domain.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.money.MicroDollars;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link SpendLedger} must have; each implementation's test extends it. */
public abstract class SpendLedgerContract {

  /** Short enough to wait out in a test, long enough for any single step of one. */
  protected static final Duration SHORT_LEASE = Duration.ofMillis(400);

  /**
   * The real current month: Redis expires a month's keys a day after it ends, so a fixed month
   * would vanish as soon as it is written once the calendar has passed it.
   */
  protected static final CalendarMonth MONTH = CalendarMonth.of(Instant.now());

  private static final MicroDollars BUDGET = new MicroDollars(100);

  /** A ledger whose reservations count for {@code lease} unless settled. */
  protected abstract SpendLedger ledger(Duration lease);

  /** Lets {@code duration} pass (real time for Redis, a clock for in-process). */
  protected abstract void letTimePass(Duration duration) throws InterruptedException;

  private SpendLedger ledger() {
    return ledger(SpendLedger.DEFAULT_LEASE);
  }

  private static LimitKey freshAccount() {
    return new LimitKey("spend:test:" + UUID.randomUUID());
  }

  private static MicroDollars micros(long value) {
    return new MicroDollars(value);
  }

  @Test
  void an_amount_within_the_budget_is_held() {
    SpendLedger ledger = ledger();
    LimitKey account = freshAccount();

    BudgetDecision first = ledger.reserve(account, MONTH, micros(60), BUDGET);
    BudgetDecision second = ledger.reserve(account, MONTH, micros(40), BUDGET);

    assertTrue(first.admitted());
    assertEquals(micros(60), first.reservation().orElseThrow().amount());
    assertEquals(account, first.reservation().orElseThrow().account());
    assertEquals(MONTH, first.reservation().orElseThrow().month());
    assertTrue(second.admitted(), "exactly the budget fits");
    assertEquals(micros(60), second.held());
    assertEquals(MicroDollars.ZERO, ledger.spent(account, MONTH));
  }

  @Test
  void an_amount_that_would_pass_the_budget_is_refused_and_holds_nothing() {
    SpendLedger ledger = ledger();
    LimitKey account = freshAccount();
    ledger.reserve(account, MONTH, micros(60), BUDGET);

    BudgetDecision refused = ledger.reserve(account, MONTH, micros(41), BUDGET);

    assertFalse(refused.admitted());
    assertEquals(Optional.empty(), refused.reservation());
    assertEquals(micros(60), refused.held());
    assertTrue(ledger.reserve(account, MONTH, micros(40), BUDGET).admitted(), "nothing was held");
  }

  @Test
  void settling_moves_the_hold_to_the_real_cost() {
    SpendLedger ledger = ledger();
    LimitKey account = freshAccount();
    Reservation reservation =
        ledger.reserve(account, MONTH, micros(80), BUDGET).reservation().orElseThrow();

    ledger.settle(reservation, micros(30));

    assertEquals(micros(30), ledger.spent(account, MONTH));
    BudgetDecision next = ledger.reserve(account, MONTH, micros(70), BUDGET);
    assertTrue(next.admitted(), "the 50 reserved but not spent are free again");
    assertEquals(micros(30), next.spent());
    assertEquals(MicroDollars.ZERO, next.held());
  }

  @Test
  void a_failed_call_settles_to_zero_and_frees_its_whole_hold() {
    SpendLedger ledger = ledger();
    LimitKey account = freshAccount();
    Reservation reservation =
        ledger.reserve(account, MONTH, micros(100), BUDGET).reservation().orElseThrow();

    ledger.settle(reservation, MicroDollars.ZERO);

    assertEquals(MicroDollars.ZERO, ledger.spent(account, MONTH));
    assertTrue(ledger.reserve(account, MONTH, micros(100), BUDGET).admitted());
  }

  @Test
  void a_call_that_cost_more_than_it_held_counts_in_full_and_stops_the_next_one() {
    SpendLedger ledger = ledger();
    LimitKey account = freshAccount();
    Reservation reservation =
        ledger.reserve(account, MONTH, micros(10), BUDGET).reservation().orElseThrow();

    ledger.settle(reservation, micros(120));

    assertEquals(micros(120), ledger.spent(account, MONTH));
    assertFalse(ledger.reserve(account, MONTH, micros(1), BUDGET).admitted());
  }

  @Test
  void once_the_budget_is_spent_even_a_zero_amount_is_refused() {
    SpendLedger ledger = ledger();
    LimitKey account = freshAccount();
    assertTrue(ledger.reserve(account, MONTH, MicroDollars.ZERO, BUDGET).admitted());
    Reservation all =
        ledger.reserve(account, MONTH, micros(100), BUDGET).reservation().orElseThrow();
    assertTrue(
        ledger.reserve(account, MONTH, MicroDollars.ZERO, BUDGET).admitted(),
        "held is not spent: a call that costs nothing may still run");

    ledger.settle(all, micros(100));

    assertFalse(ledger.reserve(account, MONTH, MicroDollars.ZERO, BUDGET).admitted());
  }

  @Test
  void a_zero_budget_admits_nothing() {
    assertFalse(
        ledger().reserve(freshAccount(), MONTH, MicroDollars.ZERO, MicroDollars.ZERO).admitted());
  }

  @Test
  void a_raised_budget_admits_the_next_reservation() {
    SpendLedger ledger = ledger();
    LimitKey account = freshAccount();
    Reservation spent =
        ledger.reserve(account, MONTH, micros(100), BUDGET).reservation().orElseThrow();
    ledger.settle(spent, micros(100));
    assertFalse(ledger.reserve(account, MONTH, micros(50), BUDGET).admitted());

    assertTrue(ledger.reserve(account, MONTH, micros(50), micros(150)).admitted());
  }

  @Test
  void accounts_and_months_are_counted_apart() {
    SpendLedger ledger = ledger();
    LimitKey account = freshAccount();
    Reservation all =
        ledger.reserve(account, MONTH, micros(100), BUDGET).reservation().orElseThrow();
    ledger.settle(all, micros(100));

    CalendarMonth next = new CalendarMonth(MONTH.value().plusMonths(1));
    assertTrue(ledger.reserve(account, next, micros(100), BUDGET).admitted());
    assertTrue(ledger.reserve(freshAccount(), MONTH, micros(100), BUDGET).admitted());
    assertEquals(MicroDollars.ZERO, ledger.spent(account, next));
  }

  @Test
  void a_reservation_settles_into_the_month_it_was_made_in() {
    SpendLedger ledger = ledger();
    LimitKey account = freshAccount();
    Reservation late =
        ledger.reserve(account, MONTH, micros(10), BUDGET).reservation().orElseThrow();

    ledger.settle(late, micros(7));

    assertEquals(micros(7), ledger.spent(account, MONTH));
    assertEquals(
        MicroDollars.ZERO, ledger.spent(account, new CalendarMonth(MONTH.value().plusMonths(1))));
  }

  @Test
  void a_hold_whose_lease_ran_out_stops_counting() throws InterruptedException {
    SpendLedger ledger = ledger(SHORT_LEASE);
    LimitKey account = freshAccount();
    assertTrue(ledger.reserve(account, MONTH, micros(100), BUDGET).admitted());
    assertFalse(ledger.reserve(account, MONTH, micros(1), BUDGET).admitted());

    letTimePass(SHORT_LEASE);

    assertTrue(ledger.reserve(account, MONTH, micros(100), BUDGET).admitted());
  }

  @Test
  void settling_after_the_lease_ran_out_still_counts_the_cost_and_frees_nothing_twice()
      throws InterruptedException {
    SpendLedger ledger = ledger(SHORT_LEASE);
    LimitKey account = freshAccount();
    Reservation slow =
        ledger.reserve(account, MONTH, micros(60), BUDGET).reservation().orElseThrow();
    letTimePass(SHORT_LEASE);
    Reservation other =
        ledger.reserve(account, MONTH, micros(40), BUDGET).reservation().orElseThrow();

    ledger.settle(slow, micros(50));

    assertEquals(micros(50), ledger.spent(account, MONTH));
    BudgetDecision next = ledger.reserve(account, MONTH, micros(11), BUDGET);
    assertFalse(next.admitted(), "50 spent + 40 still held + 11 is over");
    assertEquals(other.amount(), next.held());
  }

  @Test
  void settling_a_reservation_the_ledger_never_held_adds_the_cost() {
    SpendLedger ledger = ledger();
    LimitKey account = freshAccount();

    ledger.settle(Reservation.unheld(account, MONTH), micros(25));
    ledger.settle(Reservation.unheld(account, MONTH), micros(25));

    assertEquals(micros(50), ledger.spent(account, MONTH));
    assertFalse(ledger.reserve(account, MONTH, micros(51), BUDGET).admitted());
  }

  @Test
  void a_concurrent_burst_never_holds_more_than_the_budget() throws Exception {
    SpendLedger ledger = ledger();
    LimitKey account = freshAccount();
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Boolean>> burst = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      burst.add(
          () -> {
            start.await();
            return ledger.reserve(account, MONTH, micros(10), BUDGET).admitted();
          });
    }

    int admitted = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
      List<Future<Boolean>> results = new ArrayList<>();
      for (Callable<Boolean> call : burst) {
        results.add(pool.submit(call));
      }
      start.countDown();
      for (Future<Boolean> result : results) {
        admitted += result.get() ? 1 : 0;
      }
    }

    assertEquals(10, admitted);
  }

  @Test
  void concurrent_calls_that_reserve_and_settle_lose_no_spend() throws Exception {
    SpendLedger ledger = ledger();
    LimitKey account = freshAccount();
    MicroDollars large = micros(1_000_000);
    List<Callable<Boolean>> calls = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      calls.add(
          () -> {
            Reservation reservation =
                ledger.reserve(account, MONTH, micros(10), large).reservation().orElseThrow();
            ledger.settle(reservation, micros(3));
            return true;
          });
    }

    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      for (Future<Boolean> result : pool.invokeAll(calls)) {
        result.get();
      }
    }

    assertEquals(micros(300), ledger.spent(account, MONTH));
    assertEquals(MicroDollars.ZERO, ledger.reserve(account, MONTH, micros(1), large).held());
  }
}
