package io.killtoken.adapters.memory.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.limit.CalendarMonth;
import io.killtoken.domain.limit.LimitKey;
import io.killtoken.domain.limit.Reservation;
import io.killtoken.domain.limit.SpendLedger;
import io.killtoken.domain.limit.SpendLedgerContract;
import io.killtoken.domain.money.MicroDollars;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InMemorySpendLedgerTest extends SpendLedgerContract {

  /** Starts at the real time, the contract's month being the real current one. */
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

  @Override
  protected SpendLedger ledger(Duration lease) {
    return new InMemorySpendLedger(now::get, lease);
  }

  @Override
  protected void letTimePass(Duration duration) {
    now.updateAndGet(instant -> instant.plus(duration));
  }

  @Test
  void a_hold_lasts_exactly_its_lease() {
    InMemorySpendLedger ledger = new InMemorySpendLedger(now::get, Duration.ofMinutes(15));
    LimitKey account = new LimitKey("spend:key:lease");
    MicroDollars budget = new MicroDollars(10);
    ledger.reserve(account, MONTH, budget, budget);

    letTimePass(Duration.ofMinutes(15).minusMillis(1));
    assertFalse(ledger.reserve(account, MONTH, new MicroDollars(1), budget).admitted());
    letTimePass(Duration.ofMillis(1));
    assertTrue(ledger.reserve(account, MONTH, new MicroDollars(1), budget).admitted());
  }

  @Test
  void months_long_past_are_swept_away() {
    InMemorySpendLedger ledger = new InMemorySpendLedger(now::get);
    CalendarMonth month = CalendarMonth.of(now.get());
    for (int i = 0; i < 100; i++) {
      ledger.settle(Reservation.unheld(new LimitKey("spend:key:" + i), month), new MicroDollars(1));
    }

    now.set(month.end().plus(Duration.ofDays(2)));
    ledger.reserve(
        new LimitKey("spend:key:late"),
        CalendarMonth.of(now.get()),
        MicroDollars.ZERO,
        new MicroDollars(1));

    assertEquals(1, ledger.trackedMonths());
  }

  @Test
  void a_budget_near_the_largest_amount_does_not_overflow() {
    InMemorySpendLedger ledger = new InMemorySpendLedger(now::get);
    LimitKey account = new LimitKey("spend:key:huge");
    MicroDollars huge = new MicroDollars(Long.MAX_VALUE);

    // The ledger's own month: a fixed one would be swept away once the clock is past it.
    assertTrue(
        ledger.reserve(account, MONTH, new MicroDollars(Long.MAX_VALUE - 1), huge).admitted());
    assertFalse(ledger.reserve(account, MONTH, new MicroDollars(2), huge).admitted());
  }

  @Test
  void a_lease_below_a_millisecond_is_refused() {
    assertThrows(
        IllegalArgumentException.class, () -> new InMemorySpendLedger(now::get, Duration.ZERO));
  }
}
