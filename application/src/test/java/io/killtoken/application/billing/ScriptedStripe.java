package io.killtoken.application.billing;

import io.killtoken.domain.billing.BillingEvent;
import io.killtoken.domain.billing.BillingGateway;
import io.killtoken.domain.billing.Subscription;
import io.killtoken.domain.billing.SubscriptionStatus;
import io.killtoken.domain.error.DependencyUnavailable;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.tenant.TenantId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link BillingGateway} the test scripts: subscriptions as Stripe holds them now, and webhook
 * payloads {@code id|type|subscription} whose signature is {@code signed} (anything else is
 * forged). The Stripe adapter's own tests hold the real wire format and signatures.
 */
final class ScriptedStripe implements BillingGateway {

  static final String SIGNED = "signed";

  final List<String> customersCreated = new ArrayList<>();
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  boolean down;

  void subscription(String id, String customer, String status, String price) {
    subscriptions.put(
        id,
        new Subscription(
            id,
            customer,
            SubscriptionStatus.ofStripe(status),
            Optional.of(price),
            Optional.of(Instant.parse("2027-01-01T00:00:00Z"))));
  }

  static String payload(String id, String type, String subscription) {
    return id + "|" + type + "|" + subscription;
  }

  @Override
  public String createCustomer(TenantId tenant, Optional<String> email, String idempotencyKey) {
    unavailableWhenDown();
    customersCreated.add(idempotencyKey);
    return "cus_" + tenant.value();
  }

  @Override
  public URI checkout(String customerId, TenantId tenant, String price, URI success, URI cancel) {
    unavailableWhenDown();
    return URI.create("https://checkout.example/" + customerId + "/" + price);
  }

  @Override
  public Subscription subscription(String subscriptionId) {
    unavailableWhenDown();
    return subscriptions.get(subscriptionId);
  }

  @Override
  public URI portal(String customerId, URI returnTo) {
    unavailableWhenDown();
    return URI.create("https://portal.example/" + customerId);
  }

  @Override
  public BillingEvent verify(String payload, String signatureHeader) {
    if (!SIGNED.equals(signatureHeader)) {
      throw new InvalidRequest("forged");
    }
    String[] parts = payload.split("\\|");
    return new BillingEvent(
        parts[0], parts[1], Instant.parse("2026-12-04T12:00:00Z"), Optional.of(parts[2]));
  }

  private void unavailableWhenDown() {
    if (down) {
      throw new DependencyUnavailable("billing_unavailable", "down", Duration.ofSeconds(30));
    }
  }
}
