package io.killtoken.adapters.http.billing;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.killtoken.application.billing.HandleBillingEvent;
import io.killtoken.application.billing.ManageBilling;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/stripe}: no session and no CSRF token — the event's {@code
 * Stripe-Signature} is its proof, checked over the exact bytes received. A verified event answers
 * 200 whatever became of it (applied, replayed, ignored, for an unknown customer), so Stripe stops
 * retrying; a bad signature is a 400 that changed nothing; a failure to apply is a 5xx Stripe
 * retries.
 */
public final class StripeWebhookRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(StripeWebhookRoutes.class);

  private final Optional<HandleBillingEvent> events;

  /**
   * @param events empty when billing is not configured
   */
  public StripeWebhookRoutes(Optional<HandleBillingEvent> events) {
    this.events = events;
  }

  public void register(JavalinConfig config) {
    config.routes.post("/webhooks/stripe", this::receive);
  }

  private void receive(Context ctx) {
    HandleBillingEvent handler = events.orElseThrow(ManageBilling::notConfigured);
    String payload = new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
    HandleBillingEvent.Outcome outcome = handler.handle(payload, ctx.header("Stripe-Signature"));
    if (outcome == HandleBillingEvent.Outcome.UNKNOWN_CUSTOMER
        || outcome == HandleBillingEvent.Outcome.UNKNOWN_PRICE) {
      LOG.warn("Stripe event acknowledged but applied to no tenant: {}", outcome);
    }
    ctx.json(Map.of("received", true, "outcome", outcome.name().toLowerCase(Locale.ROOT)));
  }
}
