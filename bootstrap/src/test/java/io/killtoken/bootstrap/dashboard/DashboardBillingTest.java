package io.killtoken.bootstrap.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.adapters.stripe.FakeStripe;
import io.killtoken.bootstrap.admin.Node;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The billing page with Stripe configured (stripe-java against a local server speaking Stripe's
 * API): the plan and its quota bar, an upgrade that sends the browser to the Checkout Session's
 * page, the way back, and the Customer Portal.
 */
class DashboardBillingTest {

  private static FakeStripe stripe;
  private static Node node;
  private static Chromium browser;

  @BeforeAll
  static void start() throws Exception {
    stripe = new FakeStripe();
    node =
        Node.Cluster.fresh()
            .start(
                Map.of(
                    "KILLTOKEN_STRIPE_SECRET_KEY", "sk_test_dashboard",
                    "KILLTOKEN_STRIPE_WEBHOOK_SECRET", "whsec_dashboard",
                    "KILLTOKEN_STRIPE_API_BASE", stripe.baseUrl(),
                    "KILLTOKEN_STRIPE_PRICE_PRO", "price_pro",
                    "KILLTOKEN_PUBLIC_URL", "https://kt.example.com"));
    browser = new Chromium(node.url(""));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    node.close();
    stripe.close();
  }

  @Test
  void a_free_tenant_upgrades_through_checkout_and_manages_billing_in_the_portal() {
    browser.open("/signup?next=%2Fbilling");
    browser.awaitHeading("Create your KillToken account");
    browser.type("Organisation name", "Paying Co");
    browser.type("Email", "pay-" + UUID.randomUUID() + "@example.com");
    browser.type("Password", "correct horse battery");
    browser.click("Sign up");
    browser.awaitHeading("Billing");
    assertTrue(browser.await(By.tagName("h2")).getText().contains("free"));
    browser.await(By.cssSelector("progress[aria-label='Monthly quota used']"));
    browser.screenshot("billing-configured");

    browser.click("Upgrade to pro");
    awaitAddress("https://checkout.stripe.com/c/pay/cs_test_1");
    assertTrue(
        stripe.requests().stream().anyMatch(r -> r.path().equals("/v1/checkout/sessions")),
        "a Checkout Session was opened");

    browser.open("/billing?checkout=success");
    browser.awaitHeading("Billing");
    assertTrue(browser.await(By.cssSelector(".notice.success")).getText().contains("Thank you"));
    browser.click("Manage billing");
    awaitAddress("https://billing.stripe.com/p/session/test_1");
  }

  private static void awaitAddress(String url) {
    new WebDriverWait(browser.driver, Duration.ofSeconds(10))
        .until(d -> d.getCurrentUrl().startsWith(url));
    assertEquals(url, browser.driver.getCurrentUrl());
  }
}
