package io.killtoken.domain.limit;

import io.killtoken.domain.money.MicroDollars;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link SpendLedger#reserve}: the reservation when the amount fits the budget, and
 * what the month had spent and held by other calls just before it.
 */
public record BudgetDecision(
    Optional<Reservation> reservation, MicroDollars spent, MicroDollars held) {

  public BudgetDecision {
    Objects.requireNonNull(reservation, "reservation");
    Objects.requireNonNull(spent, "spent");
    Objects.requireNonNull(held, "held");
  }

  public boolean admitted() {
    return reservation.isPresent();
  }
}
