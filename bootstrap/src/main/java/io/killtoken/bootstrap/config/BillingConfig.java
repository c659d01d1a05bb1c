package io.killtoken.bootstrap.config;

import io.killtoken.domain.billing.PlanCatalog;
import io.killtoken.domain.secret.PlainSecret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Plans and Stripe: every plan's quotas, price label and Stripe price ({@code KILLTOKEN_PLAN_*},
 * {@code KILLTOKEN_STRIPE_PRICE_*}); the Stripe keys when billing is configured; how long a failed
 * payment keeps the plan; and the public URL Stripe sends tenants back to.
 *
 * @param stripe empty: billing answers "not configured" and everything else works
 * @param publicUrl empty: {@code http://localhost:<port>}
 */
public record BillingConfig(
    PlanCatalog plans, Optional<Stripe> stripe, Duration grace, Optional<URI> publicUrl) {

  /** What KillToken needs to talk to Stripe. */
  public record Stripe(
      PlainSecret secretKey, PlainSecret webhookSecret, URI apiBase, Duration tolerance) {

    public Stripe {
      Objects.requireNonNull(secretKey, "secretKey");
      Objects.requireNonNull(webhookSecret, "webhookSecret");
      Objects.requireNonNull(apiBase, "apiBase");
      Objects.requireNonNull(tolerance, "tolerance");
    }
  }

  public BillingConfig {
    Objects.requireNonNull(plans, "plans");
    Objects.requireNonNull(stripe, "stripe");
    Objects.requireNonNull(grace, "grace");
    Objects.requireNonNull(publicUrl, "publicUrl");
  }
}
