package io.killtoken.domain.billing;

import java.util.Locale;

/**
 * A subscription's state as Stripe reports it, reduced to what moves a plan: {@code ACTIVE} (active
 * or trialing) gives the subscribed plan; {@code PAST_DUE} keeps it through the grace period;
 * {@code ENDED} (canceled, unpaid, incomplete_expired) is back to Free; {@code INCOMPLETE} (the
 * first payment is still open) has not given it yet.
 */
public enum SubscriptionStatus {
  NONE,
  INCOMPLETE,
  ACTIVE,
  PAST_DUE,
  ENDED;

  /** The status for Stripe's {@code status} field. */
  public static SubscriptionStatus ofStripe(String status) {
    return switch (status.toLowerCase(Locale.ROOT)) {
      case "active", "trialing" -> ACTIVE;
      case "past_due" -> PAST_DUE;
      case "incomplete", "paused" -> INCOMPLETE;
      default -> ENDED;
    };
  }
}
