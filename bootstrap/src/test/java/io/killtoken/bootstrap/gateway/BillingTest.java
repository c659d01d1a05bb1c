package io.killtoken.bootstrap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.killtoken.adapters.stripe.FakeStripe;
import io.killtoken.bootstrap.admin.Browser;
import io.killtoken.bootstrap.admin.Node;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Billing end to end: checkout and portal through stripe-java against a local server speaking
 * Stripe's API (every request it receives inspected), webhooks signed with Stripe's real scheme
 * moving a tenant between plans whose limits hold on the next gateway call on every node.
 */
class BillingTest {

  private static final String WEBHOOK_SECRET = "whsec_billing_test";
  private static final String CANARY = "sk-canary-" + UUID.randomUUID();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static FakeOpenAi upstream;
  private static FakeStripe stripe;
  private static Node.Cluster cluster;
  private static Node node;
  private static Node second;

  @BeforeAll
  static void start() throws Exception {
    upstream = new FakeOpenAi();
    stripe = new FakeStripe();
    Map<String, String> env = new HashMap<>();
    env.put("KILLTOKEN_PROVIDER_OPENAI_BASE_URL", upstream.baseUrl());
    env.put("KILLTOKEN_UPSTREAM_RETRIES", "0");
    env.put("KILLTOKEN_STRIPE_SECRET_KEY", "sk_test_billing");
    env.put("KILLTOKEN_STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET);
    env.put("KILLTOKEN_STRIPE_API_BASE", stripe.baseUrl());
    env.put("KILLTOKEN_STRIPE_PRICE_PRO", "price_pro");
    env.put("KILLTOKEN_PLAN_FREE_RPM", "2");
    env.put("KILLTOKEN_PLAN_PRO_RPM", "1000");
    env.put("KILLTOKEN_PUBLIC_URL", "https://kt.example.com");
    cluster = Node.Cluster.fresh();
    node = cluster.start(env);
    second = cluster.start(env);
  }

  @AfterAll
  static void stop() {
    node.close();
    second.close();
    stripe.close();
    upstream.close();
  }

  private record Tenant(Browser owner, Browser gateway, String customer) {}

  /** A Free tenant with a credential holding the canary, a gateway key, and a Stripe customer. */
  private static Tenant subscribedLater(String name) {
    Browser owner = new Browser(node);
    owner.signUp(name + "-" + UUID.randomUUID() + "@example.com", name);
    owner.post("/api/v1/credentials", Map.of("provider", "openai", "secret", CANARY));
    Browser gateway = UsageTenants.gatewayKey(owner).client();
    Browser.Reply checkout = owner.post("/api/v1/billing/checkout", Map.of("plan", "pro"));
    assertEquals(200, checkout.status(), checkout.toString());
    assertEquals(
        "https://checkout.stripe.com/c/pay/cs_test_1", checkout.json().get("url").asText());
    List<FakeStripe.Request> sent = stripe.requests();
    String customer = null;
    for (FakeStripe.Request request : sent) {
      if (request.path().equals("/v1/checkout/sessions")) {
        customer = request.form().get("customer");
      }
    }
    return new Tenant(owner, gateway, customer);
  }

  private static HttpResponse<String> webhook(String payload, String signature) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(node.url("/webhooks/stripe")))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(payload));
    if (signature != null) {
      request.header("Stripe-Signature", signature);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> signed(String id, String type, String object)
      throws Exception {
    long now = Instant.now().getEpochSecond();
    String payload = FakeStripe.event(id, type, now, object);
    return webhook(payload, FakeStripe.sign(payload, WEBHOOK_SECRET, now));
  }

  private static String subscriptionObject(String id) {
    return "{\"id\":\"" + id + "\",\"object\":\"subscription\"}";
  }

  /** How many of {@code calls} quick gateway calls were refused by the per-minute limit. */
  private static int refusedOf(Browser gateway, int calls) {
    int refused = 0;
    for (int i = 0; i < calls; i++) {
      Browser.Reply reply =
          gateway.post(
              "/v1/chat/completions",
              Map.of(
                  "model",
                  "gpt-4o-mini",
                  "messages",
                  List.of(Map.of("role", "user", "content", "hi " + UUID.randomUUID()))));
      if (reply.status() == 429) {
        refused++;
      } else {
        assertEquals(200, reply.status(), reply.toString());
      }
    }
    return refused;
  }

  private static String plan(Browser owner) {
    return owner.get("/api/v1/billing").json().get("plan").asText();
  }

  @Test
  void a_webhook_moves_a_tenant_to_pro_on_every_node_and_a_deleted_subscription_back_to_free()
      throws Exception {
    Tenant tenant = subscribedLater("ada");
    assertEquals("free", plan(tenant.owner()));
    // Five quick calls span at most one minute boundary: on Free (2 a minute) one is refused.
    assertTrue(refusedOf(tenant.gateway(), 5) > 0, "Free's per-minute limit holds");

    String subscription = "sub_" + UUID.randomUUID();
    stripe.subscription(subscription, tenant.customer(), "active", "price_pro", 1_900_000_000L);
    HttpResponse<String> applied =
        signed(
            "evt_" + UUID.randomUUID(),
            "checkout.session.completed",
            "{\"id\":\"cs_test_1\",\"object\":\"checkout.session\",\"subscription\":\""
                + subscription
                + "\"}");
    assertEquals(200, applied.statusCode(), applied.body());
    assertTrue(applied.body().contains("\"applied\""), applied.body());

    JsonNode billing = tenant.owner().get("/api/v1/billing").json();
    assertEquals("pro", billing.get("plan").asText(), billing.toString());
    assertEquals("active", billing.get("subscription_status").asText(), billing.toString());
    assertEquals(0, refusedOf(tenant.gateway(), 5), "Pro's limit on this node");
    Browser onSecond = new Browser(second, tenant.gateway());
    assertEquals(0, refusedOf(onSecond, 5), "and on the other node");

    stripe.subscription(subscription, tenant.customer(), "canceled", "price_pro", 1_900_000_000L);
    assertEquals(
        200,
        signed(
                "evt_" + UUID.randomUUID(),
                "customer.subscription.deleted",
                subscriptionObject(subscription))
            .statusCode());
    assertEquals("free", plan(tenant.owner()));
    assertTrue(refusedOf(onSecond, 5) > 0, "back on Free's limit, on every node");
  }

  @Test
  void forged_stale_unsigned_and_malformed_webhooks_are_400s_that_change_nothing()
      throws Exception {
    Tenant tenant = subscribedLater("bob");
    String subscription = "sub_" + UUID.randomUUID();
    stripe.subscription(subscription, tenant.customer(), "active", "price_pro", 1_900_000_000L);
    long now = Instant.now().getEpochSecond();
    String payload =
        FakeStripe.event(
            "evt_" + UUID.randomUUID(),
            "customer.subscription.created",
            now,
            subscriptionObject(subscription));

    List<HttpResponse<String>> refused = new ArrayList<>();
    refused.add(webhook(payload, FakeStripe.sign(payload, "whsec_someone_else", now)));
    refused.add(webhook(payload, FakeStripe.sign(payload, WEBHOOK_SECRET, now - 400)));
    refused.add(webhook(payload, null));
    refused.add(webhook("{\"id\":", FakeStripe.sign("{\"id\":", WEBHOOK_SECRET, now)));
    refused.add(
        webhook(
            payload.replace("subscription.created", "subscription.updated"),
            FakeStripe.sign(payload, WEBHOOK_SECRET, now)));
    for (HttpResponse<String> response : refused) {
      assertEquals(400, response.statusCode(), response.body());
      assertTrue(
          response
              .headers()
              .firstValue("content-type")
              .orElse("")
              .startsWith("application/problem+json"),
          response.headers().toString());
    }
    assertEquals("free", plan(tenant.owner()));
  }

  @Test
  void a_replayed_event_is_acknowledged_once_applied_and_an_unknown_customer_moves_no_one()
      throws Exception {
    Tenant tenant = subscribedLater("cy");
    String subscription = "sub_" + UUID.randomUUID();
    stripe.subscription(subscription, tenant.customer(), "active", "price_pro", 1_900_000_000L);
    String id = "evt_" + UUID.randomUUID();
    assertTrue(
        signed(id, "customer.subscription.created", subscriptionObject(subscription))
            .body()
            .contains("applied"));
    stripe.subscription(subscription, tenant.customer(), "canceled", "price_pro", 1_900_000_000L);

    HttpResponse<String> replay =
        signed(id, "customer.subscription.created", subscriptionObject(subscription));
    assertEquals(200, replay.statusCode());
    assertTrue(replay.body().contains("replayed"), replay.body());
    assertEquals("pro", plan(tenant.owner()), "a replay changes nothing");

    String stranger = "sub_" + UUID.randomUUID();
    stripe.subscription(stranger, "cus_nobody", "active", "price_pro", 1_900_000_000L);
    HttpResponse<String> unknown =
        signed(
            "evt_" + UUID.randomUUID(),
            "invoice.paid",
            "{\"id\":\"in_1\",\"object\":\"invoice\",\"parent\":{\"type\":\"subscription_details\","
                + "\"subscription_details\":{\"subscription\":\""
                + stranger
                + "\"}}}");
    assertEquals(200, unknown.statusCode(), unknown.body());
    assertTrue(unknown.body().contains("unknown_customer"), unknown.body());
  }

  @Test
  void stripe_receives_the_tenant_id_the_owners_email_and_the_price_and_nothing_else() {
    Tenant tenant = subscribedLater("dee");
    Browser.Reply portal = tenant.owner().post("/api/v1/billing/portal", Map.of());
    assertEquals(200, portal.status(), portal.toString());
    assertEquals("https://billing.stripe.com/p/session/test_1", portal.json().get("url").asText());

    Set<String> allowed =
        Set.of(
            "metadata[tenant_id]",
            "email",
            "mode",
            "customer",
            "client_reference_id",
            "line_items[0][price]",
            "line_items[0][quantity]",
            "success_url",
            "cancel_url",
            "return_url");
    for (FakeStripe.Request request : stripe.requests()) {
      assertTrue(allowed.containsAll(request.form().keySet()), request.toString());
      assertFalse(request.toString().contains(CANARY), "a credential went to Stripe: " + request);
      assertFalse(request.toString().contains("kt_"), "a gateway key went to Stripe: " + request);
      assertEquals("Bearer sk_test_billing", request.headers().get("authorization"));
    }
    FakeStripe.Request created =
        stripe.requests().stream()
            .filter(r -> r.path().equals("/v1/customers"))
            .findFirst()
            .orElseThrow();
    assertTrue(created.headers().get("idempotency-key").startsWith("killtoken-customer-"));
  }

  @Test
  void checkout_needs_the_csrf_token_and_stripe_down_is_a_503_with_retry_after() {
    Browser owner = new Browser(node);
    owner.signUp("eve-" + UUID.randomUUID() + "@example.com", "eve");
    owner.forgetCsrf();
    assertEquals(403, owner.post("/api/v1/billing/checkout", Map.of("plan", "pro")).status());

    Browser fresh = UsageTenants.signUp(node, "fay");
    Browser gateway = UsageTenants.gatewayKey(fresh).client();
    stripe.down(true);
    try {
      Browser.Reply down = fresh.post("/api/v1/billing/checkout", Map.of("plan", "pro"));
      assertEquals(503, down.status(), down.toString());
      assertTrue(down.header("Retry-After") != null, down.toString());
      assertEquals("billing_unavailable", down.json().get("code").asText(), down.toString());
      assertEquals(0, refusedOf(gateway, 1), "the gateway does not need Stripe");
    } finally {
      stripe.down(false);
    }
  }

  @Test
  void cache_hits_count_toward_the_monthly_quota_and_billing_shows_it() {
    try (Node small =
        Node.Cluster.fresh()
            .start(
                Map.of(
                    "KILLTOKEN_PROVIDER_OPENAI_BASE_URL",
                    upstream.baseUrl(),
                    "KILLTOKEN_PLAN_FREE_MONTHLY_REQUESTS",
                    "3"))) {
      Browser owner = UsageTenants.signUp(small, "hal");
      Browser gateway = UsageTenants.gatewayKey(owner).client();
      // Deterministic (temperature 0): the default cache mode answers the repeats.
      Map<String, Object> same =
          Map.of(
              "model",
              "gpt-4o-mini",
              "temperature",
              0,
              "messages",
              List.of(Map.of("role", "user", "content", "same " + UUID.randomUUID())));
      List<String> cache = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Browser.Reply reply = gateway.post("/v1/chat/completions", same);
        assertEquals(200, reply.status(), reply.toString());
        cache.add(reply.header("x-killtoken-cache"));
      }
      assertEquals(List.of("miss", "hit", "hit"), cache);

      Browser.Reply over = gateway.post("/v1/chat/completions", same);
      assertEquals(429, over.status(), over.toString());
      assertEquals("quota_exceeded", over.json().get("error").get("code").asText());
      JsonNode quota = owner.get("/api/v1/billing").json().get("quota");
      assertEquals(3, quota.get("monthly_requests").asLong(), quota.toString());
      assertEquals(4, quota.get("used").asLong(), "the refused call counts too: " + quota);
      assertEquals(0, quota.get("left").asLong(), quota.toString());
    }
  }

  @Test
  void without_stripe_billing_says_not_configured_and_the_gateway_still_works() throws Exception {
    try (Node plain =
        Node.Cluster.fresh()
            .start(Map.of("KILLTOKEN_PROVIDER_OPENAI_BASE_URL", upstream.baseUrl()))) {
      Browser owner = UsageTenants.signUp(plain, "gus");
      JsonNode billing = owner.get("/api/v1/billing").json();
      assertFalse(billing.get("configured").asBoolean(), billing.toString());
      assertEquals("free", billing.get("plan").asText());
      Browser.Reply checkout = owner.post("/api/v1/billing/checkout", Map.of("plan", "pro"));
      assertEquals(409, checkout.status(), checkout.toString());
      assertEquals("billing_not_configured", checkout.json().get("code").asText());
      assertEquals(0, refusedOf(UsageTenants.gatewayKey(owner).client(), 1));
    }
  }
}
