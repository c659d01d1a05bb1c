package io.killtoken.domain.limit;

import io.killtoken.domain.Ids;

/** Identifies one budget reservation, so that settling it removes exactly that hold. */
public record ReservationId(String value) {

  public ReservationId {
    Ids.checked("ReservationId", value);
  }

  public static ReservationId random() {
    return new ReservationId(Ids.random());
  }
}
