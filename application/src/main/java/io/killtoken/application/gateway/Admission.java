package io.killtoken.application.gateway;

import io.killtoken.domain.limit.Reservation;
import io.killtoken.domain.limit.SpendLedger;
import io.killtoken.domain.money.MicroDollars;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A call let through by {@link GatewayLimits}, holding its worst-case cost against the key's budget
 * (and its end user's budget on the key) until it is settled to the real cost. Settles once: later
 * calls do nothing, so every exit of a call may settle without counting twice.
 */
public final class Admission {

  private final SpendLedger ledger;
  private final List<Reservation> reservations;
  private final AtomicBoolean settled = new AtomicBoolean();

  /** One reservation per budget the call counts against: the key's, then its end user's. */
  Admission(SpendLedger ledger, List<Reservation> reservations) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.reservations = List.copyOf(reservations);
  }

  /** What this call holds against the key's budget until it settles. */
  public MicroDollars held() {
    return reservations.getFirst().amount();
  }

  /**
   * Replaces the hold with the call's real cost (zero for a call that failed without reporting
   * tokens). While the ledger is unreachable the cost goes uncounted and the hold ends with its
   * lease: the caller's answer is never failed for the ledger's sake.
   */
  public void settle(MicroDollars actual) {
    Objects.requireNonNull(actual, "actual");
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    for (Reservation reservation : reservations) {
      if (reservation.amount().value() == 0 && actual.value() == 0) {
        continue; // nothing held, nothing spent: spare the round trip
      }
      try {
        ledger.settle(reservation, actual);
      } catch (RuntimeException storeDown) {
        // Fail open (ADR 0007); the adapter has logged the outage.
      }
    }
  }

  /** Frees the hold of a call that never reached the provider. */
  public void release() {
    settle(MicroDollars.ZERO);
  }
}
