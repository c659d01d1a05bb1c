package io.killtoken.domain.limit;

import io.killtoken.domain.money.MicroDollars;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link SpendLedger} for use-case tests: one lock around plain maps, leases on the given clock,
 * every settlement recorded, and able to play a store that is down. Held to the same contract as
 * the real ledgers.
 */
public final class RecordingSpendLedger implements SpendLedger {

  private final InstantSource clock;
  private final Duration lease;
  private final Map<String, Long> spent = new HashMap<>();
  private final Map<String, Map<ReservationId, Hold>> holds = new HashMap<>();
  private final List<Settlement> settlements = new ArrayList<>();
  private boolean down;

  /** One settled reservation and the real cost it was settled to. */
  public record Settlement(Reservation reservation, MicroDollars actual) {}

  private record Hold(long amount, Instant expiresAt) {}

  public RecordingSpendLedger(InstantSource clock) {
    this(clock, DEFAULT_LEASE);
  }

  public RecordingSpendLedger(InstantSource clock, Duration lease) {
    this.clock = clock;
    this.lease = lease;
  }

  @Override
  public synchronized BudgetDecision reserve(
      LimitKey account, CalendarMonth month, MicroDollars amount, MicroDollars budget) {
    failIfDown();
    String tally = tally(account, month);
    Instant now = clock.instant();
    Map<ReservationId, Hold> live = holds.computeIfAbsent(tally, k -> new HashMap<>());
    live.values().removeIf(hold -> !now.isBefore(hold.expiresAt()));
    long spentSoFar = spent.getOrDefault(tally, 0L);
    long held = live.values().stream().mapToLong(Hold::amount).sum();
    if (spentSoFar >= budget.value() || spentSoFar + held + amount.value() > budget.value()) {
      return new BudgetDecision(
          Optional.empty(), new MicroDollars(spentSoFar), new MicroDollars(held));
    }
    Reservation reservation = new Reservation(account, month, ReservationId.random(), amount);
    if (amount.value() > 0) {
      live.put(reservation.id(), new Hold(amount.value(), now.plus(lease)));
    }
    return new BudgetDecision(
        Optional.of(reservation), new MicroDollars(spentSoFar), new MicroDollars(held));
  }

  @Override
  public synchronized void settle(Reservation reservation, MicroDollars actual) {
    failIfDown();
    String tally = tally(reservation.account(), reservation.month());
    Map<ReservationId, Hold> live = holds.get(tally);
    if (live != null) {
      live.remove(reservation.id());
    }
    spent.merge(tally, actual.value(), Long::sum);
    settlements.add(new Settlement(reservation, actual));
  }

  @Override
  public synchronized MicroDollars spent(LimitKey account, CalendarMonth month) {
    failIfDown();
    return new MicroDollars(spent.getOrDefault(tally(account, month), 0L));
  }

  /** Every settlement so far, in order. */
  public synchronized List<Settlement> settlements() {
    return List.copyOf(settlements);
  }

  /** What is held right now for the account and month, leases not yet run out. */
  public synchronized MicroDollars held(LimitKey account, CalendarMonth month) {
    Instant now = clock.instant();
    return new MicroDollars(
        holds.getOrDefault(tally(account, month), Map.of()).values().stream()
            .filter(hold -> now.isBefore(hold.expiresAt()))
            .mapToLong(Hold::amount)
            .sum());
  }

  /** From now on every call fails, as when Redis is unreachable. */
  public synchronized void goDown() {
    down = true;
  }

  private void failIfDown() {
    if (down) {
      throw new IllegalStateException("spend ledger unreachable");
    }
  }

  private static String tally(LimitKey account, CalendarMonth month) {
    return account.value() + "@" + month.label();
  }
}
