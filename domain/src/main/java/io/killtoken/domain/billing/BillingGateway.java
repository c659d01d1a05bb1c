package io.killtoken.domain.billing;

import io.killtoken.domain.tenant.TenantId;
import java.net.URI;
import java.util.Optional;

/**
 * Port: the payment provider (Stripe). It receives only what billing needs — the tenant's id as
 * metadata, the owner's email and the plan's price — never credentials, keys, usage or prompts.
 * Calls that cannot reach the provider throw {@code DependencyUnavailable}.
 */
public interface BillingGateway {

  /** Creates the tenant's customer; the same idempotency key never creates a second one. */
  String createCustomer(TenantId tenant, Optional<String> email, String idempotencyKey);

  /** A Checkout Session in subscription mode for one price; returns its URL. */
  URI checkout(String customerId, TenantId tenant, String price, URI success, URI cancel);

  /** The subscription as it stands now. */
  Subscription subscription(String subscriptionId);

  /** A Customer Portal session; returns its URL. */
  URI portal(String customerId, URI returnTo);

  /**
   * The event a webhook delivered, once its signature is verified against the webhook secret within
   * the tolerance; a forged, stale, unsigned or malformed one throws {@code InvalidRequest}.
   */
  BillingEvent verify(String payload, String signatureHeader);
}
