package io.killtoken.domain.limit;

import io.killtoken.domain.money.MicroDollars;
import java.time.Duration;

/**
 * Port: what each account (an API key) has spent and holds in flight per calendar month, shared by
 * every node (Redis) or held in process (embedded defaults). A call reserves its worst-case cost
 * before it starts and settles to its real cost after, each in one atomic step, so a burst of
 * concurrent calls can never together pass the budget.
 */
public interface SpendLedger {

  /**
   * How long a reservation counts if it is never settled (its node crashed). Longer than any call
   * we expect to run, streams included; a call that outlives it still settles its real cost.
   */
  Duration DEFAULT_LEASE = Duration.ofMinutes(15);

  /**
   * Holds {@code amount} against {@code budget} in one atomic step. Admitted when the month's spend
   * is below the budget and spend + live holds + amount is within it; otherwise nothing is held.
   * Holds whose lease has run out stop counting. A zero amount is checked but never stored.
   */
  BudgetDecision reserve(
      LimitKey account, CalendarMonth month, MicroDollars amount, MicroDollars budget);

  /**
   * Removes the reservation's hold, if it still stands, and adds {@code actual} to the spend of the
   * reservation's month, in one atomic step. Settle each reservation once.
   */
  void settle(Reservation reservation, MicroDollars actual);

  /** What the account has spent in the month, settled calls only. */
  MicroDollars spent(LimitKey account, CalendarMonth month);
}
