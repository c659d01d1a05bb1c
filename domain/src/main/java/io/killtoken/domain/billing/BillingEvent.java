package io.killtoken.domain.billing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A webhook event whose signature was verified: its id (applied once), type, and the subscription
 * it is about (for checkout, subscription and invoice events). The subscription itself is read
 * again from Stripe when the event is applied, so events arriving out of order cannot move a plan
 * backwards.
 */
public record BillingEvent(
    String id, String type, Instant created, Optional<String> subscriptionId) {

  public BillingEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(subscriptionId, "subscriptionId");
  }
}
