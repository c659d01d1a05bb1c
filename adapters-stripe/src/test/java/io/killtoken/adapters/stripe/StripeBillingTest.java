package io.killtoken.adapters.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.StripeClient;
import io.killtoken.domain.billing.BillingEvent;
import io.killtoken.domain.billing.Subscription;
import io.killtoken.domain.billing.SubscriptionStatus;
import io.killtoken.domain.error.DependencyUnavailable;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.tenant.TenantId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link StripeBilling} against a local server speaking Stripe's API, asserting every request it
 * sends, and webhooks signed with Stripe's real scheme.
 */
class StripeBillingTest {

  private static final String SECRET = "whsec_test_secret";
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  private static final TenantId TENANT = new TenantId("9f0c6a2e-3b1d-4c55-8e7f-0a1b2c3d4e5f");

  private final FakeStripe fake = newFake();
  private final StripeBilling billing =
      new StripeBilling(
          StripeClient.builder()
              .setApiKey("sk_test_fake")
              .setApiBase(fake.baseUrl())
              .setMaxNetworkRetries(0)
              .build(),
          SECRET,
          Duration.ofSeconds(300),
          InstantSource.fixed(NOW));

  private static FakeStripe newFake() {
    try {
      return new FakeStripe();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void a_customer_is_created_with_the_tenant_id_as_metadata_the_email_and_an_idempotency_key() {
    String customer =
        billing.createCustomer(TENANT, Optional.of("owner@example.com"), "killtoken-customer-1");
    String again =
        billing.createCustomer(TENANT, Optional.of("owner@example.com"), "killtoken-customer-1");

    assertEquals(customer, again, "the same key creates one customer");
    FakeStripe.Request sent = fake.requests().getFirst();
    assertEquals("POST", sent.method());
    assertEquals("/v1/customers", sent.path());
    assertEquals(
        Map.of("metadata[tenant_id]", TENANT.value(), "email", "owner@example.com"), sent.form());
    assertEquals("killtoken-customer-1", sent.headers().get("idempotency-key"));
    assertEquals("Bearer sk_test_fake", sent.headers().get("authorization"));
  }

  @Test
  void checkout_asks_for_a_subscription_of_one_price_and_returns_its_url() {
    URI url =
        billing.checkout(
            "cus_1",
            TENANT,
            "price_pro",
            URI.create("https://kt.example.com/billing?checkout=success"),
            URI.create("https://kt.example.com/billing?checkout=cancel"));

    assertEquals(URI.create("https://checkout.stripe.com/c/pay/cs_test_1"), url);
    FakeStripe.Request sent = fake.requests().getFirst();
    assertEquals("/v1/checkout/sessions", sent.path());
    assertEquals(
        Map.of(
            "mode", "subscription",
            "customer", "cus_1",
            "client_reference_id", TENANT.value(),
            "line_items[0][price]", "price_pro",
            "line_items[0][quantity]", "1",
            "success_url", "https://kt.example.com/billing?checkout=success",
            "cancel_url", "https://kt.example.com/billing?checkout=cancel"),
        sent.form());
  }

  @Test
  void the_portal_gets_the_customer_and_the_way_back_only() {
    URI url = billing.portal("cus_1", URI.create("https://kt.example.com/billing"));

    assertEquals(URI.create("https://billing.stripe.com/p/session/test_1"), url);
    FakeStripe.Request sent = fake.requests().getFirst();
    assertEquals("/v1/billing_portal/sessions", sent.path());
    assertEquals(
        Map.of("customer", "cus_1", "return_url", "https://kt.example.com/billing"), sent.form());
  }

  @Test
  void a_subscription_is_read_with_its_status_price_and_period_end() {
    fake.subscription("sub_1", "cus_1", "past_due", "price_pro", 1_800_000_000L);

    Subscription read = billing.subscription("sub_1");

    assertEquals(
        new Subscription(
            "sub_1",
            "cus_1",
            SubscriptionStatus.PAST_DUE,
            Optional.of("price_pro"),
            Optional.of(Instant.ofEpochSecond(1_800_000_000L))),
        read);
    assertEquals("GET", fake.requests().getFirst().method());
    assertEquals("/v1/subscriptions/sub_1", fake.requests().getFirst().path());
  }

  @Test
  void stripe_failing_is_a_503_kind_of_error_with_a_retry_after() {
    fake.down(true);

    DependencyUnavailable e =
        assertThrows(
            DependencyUnavailable.class,
            () -> billing.portal("cus_1", URI.create("https://kt.example.com/billing")));

    assertEquals("billing_unavailable", e.code());
    assertEquals(Duration.ofSeconds(30), e.retryAfter());
    assertTrue(!e.getMessage().contains("incident"), "never Stripe's own text: " + e.getMessage());
  }

  @Test
  void a_signed_event_is_read_with_the_subscription_it_is_about() {
    long t = NOW.getEpochSecond();
    String subscriptionEvent =
        FakeStripe.event(
            "evt_1",
            "customer.subscription.updated",
            t,
            "{\"id\":\"sub_9\",\"object\":\"subscription\",\"customer\":\"cus_1\"}");
    String checkout =
        FakeStripe.event(
            "evt_2",
            "checkout.session.completed",
            t,
            "{\"id\":\"cs_1\",\"object\":\"checkout.session\",\"subscription\":\"sub_8\"}");
    String invoice =
        FakeStripe.event(
            "evt_3",
            "invoice.payment_failed",
            t,
            "{\"id\":\"in_1\",\"object\":\"invoice\",\"parent\":{\"type\":\"subscription_details\","
                + "\"subscription_details\":{\"subscription\":\"sub_7\"}}}");

    assertEquals(
        new BillingEvent("evt_1", "customer.subscription.updated", NOW, Optional.of("sub_9")),
        billing.verify(subscriptionEvent, FakeStripe.sign(subscriptionEvent, SECRET, t)));
    assertEquals(
        Optional.of("sub_8"),
        billing.verify(checkout, FakeStripe.sign(checkout, SECRET, t)).subscriptionId());
    assertEquals(
        Optional.of("sub_7"),
        billing.verify(invoice, FakeStripe.sign(invoice, SECRET, t)).subscriptionId());
  }

  @Test
  void forged_stale_unsigned_and_malformed_webhooks_are_refused() {
    long t = NOW.getEpochSecond();
    String payload =
        FakeStripe.event(
            "evt_1",
            "customer.subscription.deleted",
            t,
            "{\"id\":\"sub_9\",\"object\":\"subscription\"}");

    for (String header :
        new String[] {
          FakeStripe.sign(payload, "whsec_wrong", t),
          FakeStripe.sign(payload, SECRET, t - 301),
          FakeStripe.sign(payload, SECRET, t).replace("v1=", "v0="),
          "t=" + t + ",v1=" + "0".repeat(64),
          "",
          "garbage"
        }) {
      assertThrows(InvalidRequest.class, () -> billing.verify(payload, header), header);
    }
    assertThrows(InvalidRequest.class, () -> billing.verify(payload, null));
    String tampered = payload.replace("sub_9", "sub_0");
    assertThrows(
        InvalidRequest.class, () -> billing.verify(tampered, FakeStripe.sign(payload, SECRET, t)));
    String notJson = "not an event";
    assertThrows(
        InvalidRequest.class, () -> billing.verify(notJson, FakeStripe.sign(notJson, SECRET, t)));
  }
}
