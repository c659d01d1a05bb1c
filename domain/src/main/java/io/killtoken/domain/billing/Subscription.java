package io.killtoken.domain.billing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A Stripe subscription as it stands now: whose it is, its state and the price it is for. */
public record Subscription(
    String id,
    String customerId,
    SubscriptionStatus status,
    Optional<String> price,
    Optional<Instant> periodEnd) {

  public Subscription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(periodEnd, "periodEnd");
  }
}
