package io.killtoken.adapters.memory.limit;

import io.killtoken.domain.limit.BudgetDecision;
import io.killtoken.domain.limit.CalendarMonth;
import io.killtoken.domain.limit.LimitKey;
import io.killtoken.domain.limit.Reservation;
import io.killtoken.domain.limit.ReservationId;
import io.killtoken.domain.limit.SpendLedger;
import io.killtoken.domain.money.MicroDollars;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link SpendLedger} held in this process, for a single node without Redis: each account's month
 * is changed under its map entry's lock, so reserve and settle are atomic; months long past are
 * swept away.
 */
public final class InMemorySpendLedger implements SpendLedger {

  /** A month's tally is kept this long after the month ends, for calls that settle late. */
  static final Duration KEPT_AFTER_MONTH = Duration.ofDays(1);

  private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

  private final InstantSource clock;
  private final Duration lease;
  private final Map<Account, Tally> tallies = new ConcurrentHashMap<>();
  private final AtomicLong nextSweepMillis = new AtomicLong(Long.MIN_VALUE);

  public InMemorySpendLedger(InstantSource clock) {
    this(clock, DEFAULT_LEASE);
  }

  public InMemorySpendLedger(InstantSource clock, Duration lease) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lease = Objects.requireNonNull(lease, "lease");
    if (lease.toMillis() < 1) {
      throw new IllegalArgumentException("lease must be at least one millisecond");
    }
  }

  @Override
  public BudgetDecision reserve(
      LimitKey account, CalendarMonth month, MicroDollars amount, MicroDollars budget) {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(budget, "budget");
    Instant now = clock.instant();
    Reservation candidate = new Reservation(account, month, ReservationId.random(), amount);
    BudgetDecision[] decision = new BudgetDecision[1];
    // compute() runs under the entry's lock: expiry, check and hold are one atomic step.
    tallies.compute(
        new Account(account, month),
        (key, existing) -> {
          Tally tally = existing == null ? new Tally() : existing;
          decision[0] = tally.reserve(candidate, budget.value(), now, now.plus(lease));
          return tally;
        });
    sweep(now);
    return decision[0];
  }

  @Override
  public void settle(Reservation reservation, MicroDollars actual) {
    Objects.requireNonNull(reservation, "reservation");
    Objects.requireNonNull(actual, "actual");
    tallies.compute(
        new Account(reservation.account(), reservation.month()),
        (key, existing) -> {
          Tally tally = existing == null ? new Tally() : existing;
          tally.settle(reservation.id(), actual.value());
          return tally;
        });
  }

  @Override
  public MicroDollars spent(LimitKey account, CalendarMonth month) {
    long[] spent = new long[1];
    tallies.computeIfPresent(
        new Account(account, month),
        (key, tally) -> {
          spent[0] = tally.spent;
          return tally;
        });
    return new MicroDollars(spent[0]);
  }

  /** How many account-months are kept; lets tests see that old months go away. */
  int trackedMonths() {
    return tallies.size();
  }

  private void sweep(Instant now) {
    long next = nextSweepMillis.get();
    if (now.toEpochMilli() < next
        || !nextSweepMillis.compareAndSet(next, now.plus(SWEEP_INTERVAL).toEpochMilli())) {
      return;
    }
    tallies.keySet().removeIf(key -> !now.isBefore(key.month().end().plus(KEPT_AFTER_MONTH)));
  }

  private record Account(LimitKey key, CalendarMonth month) {

    Account {
      Objects.requireNonNull(key, "account");
      Objects.requireNonNull(month, "month");
    }
  }

  /** One account's month; only ever touched inside {@code compute} on its map entry. */
  private static final class Tally {

    private long spent;
    private final Map<ReservationId, Hold> holds = new HashMap<>();

    BudgetDecision reserve(Reservation candidate, long budget, Instant now, Instant expiresAt) {
      holds.values().removeIf(hold -> !now.isBefore(hold.expiresAt()));
      long held = holds.values().stream().mapToLong(Hold::amount).sum();
      long amount = candidate.amount().value();
      MicroDollars spentNow = new MicroDollars(spent);
      MicroDollars heldNow = new MicroDollars(held);
      // Subtraction instead of spent + held + amount, which could overflow near Long.MAX_VALUE.
      if (spent >= budget || held > budget - spent || amount > budget - spent - held) {
        return new BudgetDecision(Optional.empty(), spentNow, heldNow);
      }
      if (amount > 0) {
        holds.put(candidate.id(), new Hold(amount, expiresAt));
      }
      return new BudgetDecision(Optional.of(candidate), spentNow, heldNow);
    }

    void settle(ReservationId id, long actual) {
      holds.remove(id);
      spent = saturatedSum(spent, actual);
    }

    private static long saturatedSum(long a, long b) {
      long sum = a + b;
      return sum < 0 ? Long.MAX_VALUE : sum;
    }
  }

  private record Hold(long amount, Instant expiresAt) {}
}
