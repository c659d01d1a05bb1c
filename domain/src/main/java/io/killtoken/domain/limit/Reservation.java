package io.killtoken.domain.limit;

import io.killtoken.domain.money.MicroDollars;
import java.util.Objects;

/**
 * An amount held against an account's monthly budget while a call runs, to be settled to the real
 * cost when the call ends.
 *
 * @param amount what is held; zero for a reservation the ledger never stored (see {@link #unheld})
 */
public record Reservation(
    LimitKey account, CalendarMonth month, ReservationId id, MicroDollars amount) {

  public Reservation {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(amount, "amount");
  }

  /**
   * A reservation that holds nothing: settling it only adds the real cost to the month's spend.
   * Used for accounts without a budget (so a budget set later counts the month so far) and when the
   * ledger could not be reached at reserve time.
   */
  public static Reservation unheld(LimitKey account, CalendarMonth month) {
    return new Reservation(account, month, ReservationId.random(), MicroDollars.ZERO);
  }
}
