package io.killtoken.adapters.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.SubscriptionItem;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import io.killtoken.domain.billing.BillingEvent;
import io.killtoken.domain.billing.BillingGateway;
import io.killtoken.domain.billing.Subscription;
import io.killtoken.domain.billing.SubscriptionStatus;
import io.killtoken.domain.error.DependencyUnavailable;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.tenant.TenantId;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BillingGateway} on Stripe, through an instance {@link StripeClient} (never the static
 * global key). Stripe receives the tenant's id as metadata (and as the Checkout Session's client
 * reference), the owner's email and the plan's price — nothing else. Webhooks are verified with
 * stripe-java's own signature check ({@code t=…,v1=HMAC-SHA256}) within a tolerance.
 */
public final class StripeBilling implements BillingGateway {

  static final String TENANT_METADATA = "tenant_id";
  static final Duration RETRY_AFTER = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(StripeBilling.class);

  private final StripeClient stripe;
  private final String webhookSecret;
  private final Duration tolerance;
  private final Clock clock;

  public StripeBilling(
      StripeClient stripe, String webhookSecret, Duration tolerance, InstantSource clock) {
    this.stripe = Objects.requireNonNull(stripe, "stripe");
    this.webhookSecret = Objects.requireNonNull(webhookSecret, "webhookSecret");
    this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
    this.clock = Objects.requireNonNull(clock, "clock").withZone(ZoneOffset.UTC);
  }

  @Override
  public String createCustomer(TenantId tenant, Optional<String> email, String idempotencyKey) {
    CustomerCreateParams.Builder params =
        CustomerCreateParams.builder().putMetadata(TENANT_METADATA, tenant.value());
    email.ifPresent(params::setEmail);
    RequestOptions options = RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    return call(() -> stripe.v1().customers().create(params.build(), options).getId());
  }

  @Override
  public URI checkout(String customerId, TenantId tenant, String price, URI success, URI cancel) {
    SessionCreateParams params =
        SessionCreateParams.builder()
            .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
            .setCustomer(customerId)
            .setClientReferenceId(tenant.value())
            .addLineItem(
                SessionCreateParams.LineItem.builder().setPrice(price).setQuantity(1L).build())
            .setSuccessUrl(success.toString())
            .setCancelUrl(cancel.toString())
            .build();
    return URI.create(call(() -> stripe.v1().checkout().sessions().create(params).getUrl()));
  }

  @Override
  public URI portal(String customerId, URI returnTo) {
    com.stripe.param.billingportal.SessionCreateParams params =
        com.stripe.param.billingportal.SessionCreateParams.builder()
            .setCustomer(customerId)
            .setReturnUrl(returnTo.toString())
            .build();
    return URI.create(call(() -> stripe.v1().billingPortal().sessions().create(params).getUrl()));
  }

  @Override
  public Subscription subscription(String subscriptionId) {
    com.stripe.model.Subscription found =
        call(() -> stripe.v1().subscriptions().retrieve(subscriptionId));
    Optional<SubscriptionItem> item =
        Optional.ofNullable(found.getItems())
            .flatMap(items -> items.getData().stream().findFirst());
    return new Subscription(
        found.getId(),
        found.getCustomer(),
        SubscriptionStatus.ofStripe(found.getStatus()),
        item.map(SubscriptionItem::getPrice).map(com.stripe.model.Price::getId),
        item.map(SubscriptionItem::getCurrentPeriodEnd).map(Instant::ofEpochSecond));
  }

  @Override
  public BillingEvent verify(String payload, String signatureHeader) {
    if (signatureHeader == null || signatureHeader.isBlank()) {
      throw new InvalidRequest("The webhook has no Stripe-Signature header.");
    }
    Event event;
    try {
      event =
          Webhook.constructEvent(
              payload, signatureHeader, webhookSecret, tolerance.toSeconds(), clock);
    } catch (SignatureVerificationException e) {
      throw new InvalidRequest("The webhook's Stripe-Signature does not verify: " + e.getMessage());
    } catch (RuntimeException e) {
      // A body that is signed but is not an event.
      throw new InvalidRequest("The webhook's body is not a Stripe event.");
    }
    if (event.getId() == null || event.getType() == null || event.getCreated() == null) {
      throw new InvalidRequest("The webhook's body is not a Stripe event.");
    }
    return new BillingEvent(
        event.getId(),
        event.getType(),
        Instant.ofEpochSecond(event.getCreated()),
        subscriptionOf(event));
  }

  private static Optional<String> subscriptionOf(Event event) {
    try {
      return EventSubscriptions.of(event);
    } catch (EventDataObjectDeserializationException | RuntimeException e) {
      throw new InvalidRequest("The webhook's event object is not one Stripe sends.");
    }
  }

  private interface StripeCall<T> {
    T run() throws StripeException;
  }

  private static <T> T call(StripeCall<T> call) {
    try {
      return call.run();
    } catch (StripeException e) {
      // Stripe's code and request id only: its messages may echo what we sent.
      LOG.warn(
          "Stripe call failed: HTTP {} {} (request {})",
          e.getStatusCode(),
          e.getCode(),
          e.getRequestId());
      throw new DependencyUnavailable(
          "billing_unavailable",
          "Stripe cannot be reached right now; try again shortly.",
          RETRY_AFTER);
    }
  }
}
