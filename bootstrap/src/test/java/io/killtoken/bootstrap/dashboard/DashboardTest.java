package io.killtoken.bootstrap.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.killtoken.bootstrap.admin.Node;
import io.killtoken.bootstrap.gateway.FakeOpenAi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in real headless Chromium, as a tenant uses it: sign up, add a credential, create a
 * key and read it once, send calls through the OpenAI SDK (repeats included), see them in the
 * overview, the usage table and the cache savings, open an insight, revoke the key, come back after
 * the session ended; and a second tenant's browser that reaches none of it. Each step builds on the
 * one before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardTest {

  private static final String PASSWORD = "correct horse battery";
  private static final String PROVIDER_KEY = "sk-CANARY-" + UUID.randomUUID();
  private static final String ROTATED_KEY = "sk-CANARY-ROTATED-" + UUID.randomUUID();
  private static final String EMAIL = "ada-" + UUID.randomUUID() + "@example.com";

  private static FakeOpenAi upstream;
  private static Node node;
  private static Chromium ada;
  private static String gatewayKey;
  private static String keyId;

  @BeforeAll
  static void start() throws Exception {
    upstream = new FakeOpenAi();
    node =
        Node.Cluster.fresh()
            .start(
                Map.of(
                    "KILLTOKEN_PROVIDER_OPENAI_BASE_URL",
                    upstream.baseUrl(),
                    "KILLTOKEN_UPSTREAM_RETRIES",
                    "0"));
    ada = new Chromium(node.url(""));
  }

  @AfterAll
  static void stop() {
    if (ada != null) {
      ada.close();
    }
    node.close();
    upstream.close();
  }

  @Test
  @Order(1)
  void a_visitor_is_sent_to_log_in_and_after_signing_up_lands_where_it_was_going() {
    ada.open("/keys");
    ada.awaitHeading("Log in to KillToken");
    assertEquals("/login?next=%2Fkeys", ada.path());
    ada.screenshot("login");

    ada.follow("Sign up");
    ada.awaitHeading("Create your KillToken account");
    ada.type("Organisation name", "Acme Research");
    ada.type("Email", EMAIL);
    ada.type("Password", PASSWORD);
    ada.screenshot("signup");
    ada.click("Sign up");

    ada.awaitHeading("API keys");
    assertEquals("/keys", ada.path());
  }

  @Test
  @Order(2)
  void a_credential_is_added_and_shown_by_its_preview_only() {
    ada.open("/credentials");
    ada.awaitHeading("Provider credentials");
    ada.type("Provider key", PROVIDER_KEY);
    ada.click("Add credential");

    WebElement added = ada.await(By.cssSelector(".notice.success"));
    assertTrue(added.getText().contains("sk-…"), added.getText());
    ada.await(By.xpath("//td[normalize-space()='openai']"));
    assertFalse(ada.driver.getPageSource().contains(PROVIDER_KEY), "the key is never in a page");

    ada.click("Rotate");
    WebElement rotated = ada.await(By.cssSelector("input[aria-label='New key for openai']"));
    rotated.sendKeys(ROTATED_KEY);
    ada.click("Save new key");
    ada.await(By.xpath("//div[contains(@class,'success')][contains(.,'Rotated')]"));
    assertFalse(ada.driver.getPageSource().contains(ROTATED_KEY), "nor the rotated one");
    ada.screenshot("credentials");
  }

  @Test
  @Order(3)
  void a_new_key_is_shown_once_and_then_never_again() {
    ada.open("/keys");
    ada.awaitHeading("API keys");
    ada.type("Name", "backend");
    ada.click("Create key");

    WebElement revealed = ada.await(By.id("new-key"));
    gatewayKey = revealed.getDomProperty("value");
    assertTrue(gatewayKey.startsWith("kt_"), gatewayKey);
    assertTrue(
        ada.driver
            .findElement(By.cssSelector(".notice.success"))
            .getText()
            .contains("you will not see this key again"));
    WebElement link = ada.await(By.linkText("backend"));
    keyId = link.getDomAttribute("href").substring("/keys/".length());

    ada.follow("Usage");
    ada.awaitHeading("Usage");
    ada.follow("Keys");
    ada.awaitHeading("API keys");
    ada.await(By.linkText("backend"));
    assertFalse(ada.driver.getPageSource().contains(gatewayKey), "shown once, then preview only");
    assertFalse(ada.storage().toString().contains(gatewayKey), "not in storage or the URL");
    ada.screenshot("keys");

    ada.follow("backend");
    ada.awaitHeading("Key backend");
    ada.type("Requests per minute", "600");
    ada.type("Allowed models", "gpt-4o-mini, gpt-4o");
    ada.click("Save");
    ada.await(By.xpath("//div[contains(@class,'success')][normalize-space()='Saved.']"));
    ada.follow("All keys");
    ada.awaitHeading("API keys");
    assertTrue(
        ada.await(By.xpath("//td[contains(.,'600 rpm')]")).getText().contains("gpt-4o-mini"));
  }

  @Test
  @Order(4)
  void calls_through_the_openai_sdk_show_in_the_overview_the_usage_table_and_the_savings() {
    OpenAIClient client =
        OpenAIOkHttpClient.builder()
            .apiKey(gatewayKey)
            .baseUrl(node.url("/v1"))
            .maxRetries(0)
            .timeout(Duration.ofSeconds(10))
            .build();
    String repeated = "What is a token? " + UUID.randomUUID();
    for (String prompt : List.of(repeated, repeated, repeated, "one " + UUID.randomUUID(), "two")) {
      client.chat().completions().create(chat(prompt, 0.0));
    }
    String creative = "Write a haiku about tokens. " + UUID.randomUUID();
    for (int i = 0; i < 2; i++) { // not deterministic: the cache stays out, the shadow cache counts
      client.chat().completions().create(chat(creative, 0.7));
    }

    List<WebElement> rows = awaitRecords(7);
    long hits = rows.stream().filter(r -> r.getText().contains(" hit ")).count();
    assertEquals(2, hits, "the second and third repeat were answered by the cache");
    ada.screenshot("usage");

    ada.follow("Overview");
    ada.awaitHeading("Overview");
    assertEquals("7", tile("Requests"));
    assertEquals("28.6%", tile("Cache hit rate"));
    assertNotEquals("$0.00", tile("Saved by the cache"));
    ada.await(By.cssSelector(".chart canvas"));
    assertEquals(4, ada.driver.findElements(By.cssSelector(".chart canvas")).size());
    ada.await(By.xpath("//td[normalize-space()='openai/gpt-4o-mini']"));
    ada.screenshot("overview");

    ada.driver.manage().window().setSize(new Dimension(390, 844));
    ada.open("/");
    ada.awaitHeading("Overview");
    ada.await(By.cssSelector(".chart canvas"));
    ada.screenshot("overview-phone");
    ada.driver.manage().window().setSize(new Dimension(1280, 1000));
  }

  @Test
  @Order(5)
  void an_insight_opens_from_the_overview_and_turns_the_cache_on_in_one_click() {
    ada.open("/");
    ada.awaitHeading("Overview");
    ada.await(By.cssSelector("ul.insights a")).click();
    ada.awaitHeading("Insights");
    assertEquals("/insights#shadow_cache", ada.path());
    WebElement shadow = ada.await(By.id("shadow_cache"));
    assertTrue(
        shadow.getText().contains("1 of 5 calls answered upstream repeated"), shadow.getText());
    shadow.findElement(By.tagName("summary")).click();
    assertTrue(shadow.getText().contains("repeats hour"), shadow.getText());
    assertTrue(shadow.getText().contains("Change:"), shadow.getText());
    ada.screenshot("insights");

    ada.click("Cache every request for 24 hours");
    ada.await(By.cssSelector("#shadow_cache .notice.success"));
    ada.follow("Settings");
    ada.awaitHeading("Settings");
    assertEquals("all", ada.field("Cache mode").getDomProperty("value"));
    assertEquals("86400", ada.field("Time to live (seconds)").getDomProperty("value"));
  }

  @Test
  @Order(6)
  void a_revoked_key_is_refused_by_the_gateway_and_a_deleted_credential_is_gone() {
    ada.open("/keys");
    ada.awaitHeading("API keys");
    ada.click("Revoke");
    ada.click("Yes, revoke");
    ada.await(By.xpath("//p[normalize-space()='No keys yet: create one above.']"));

    OpenAIClient client =
        OpenAIOkHttpClient.builder()
            .apiKey(gatewayKey)
            .baseUrl(node.url("/v1"))
            .maxRetries(0)
            .build();
    assertThrows(
        UnauthorizedException.class, () -> client.chat().completions().create(chat("again", 0.0)));

    ada.open("/credentials");
    ada.awaitHeading("Provider credentials");
    ada.click("Delete");
    ada.click("Yes, delete");
    ada.await(
        By.xpath("//p[normalize-space()='No credentials yet: add your provider key above.']"));
  }

  @Test
  @Order(7)
  void after_the_session_ends_logging_in_again_goes_back_to_the_page() throws Exception {
    ada.open("/exports");
    ada.awaitHeading("Exports");
    Cookie session = ada.driver.manage().getCookieNamed("kt_session");
    assertTrue(session.isHttpOnly(), "scripts cannot read the session cookie");
    Sessions.end(node, session.getValue());

    ada.follow("Settings");
    ada.awaitHeading("Log in to KillToken");
    assertEquals("/login?next=%2Fsettings", ada.path());
    assertTrue(ada.await(By.cssSelector(".notice.info")).getText().contains("session has ended"));
    ada.type("Email", EMAIL);
    ada.type("Password", PASSWORD);
    ada.click("Log in");
    ada.awaitHeading("Settings");
    assertEquals("/settings", ada.path());
  }

  @Test
  @Order(8)
  void another_tenants_browser_reaches_none_of_the_first_tenants_pages_or_ids() {
    try (Chromium bob = new Chromium(node.url(""))) {
      bob.open("/signup");
      bob.awaitHeading("Create your KillToken account");
      bob.type("Organisation name", "Bob Labs");
      bob.type("Email", "bob-" + UUID.randomUUID() + "@example.com");
      bob.type("Password", PASSWORD);
      bob.click("Sign up");
      bob.awaitHeading("Overview");
      assertEquals("0", tileOf(bob, "Requests"));

      bob.open("/keys/" + keyId);
      bob.awaitHeading("Not found");
      String theirs = bob.driver.findElement(By.id("main")).getText();
      bob.open("/keys/" + UUID.randomUUID());
      bob.awaitHeading("Not found");
      assertEquals(theirs, bob.driver.findElement(By.id("main")).getText());

      bob.open("/usage");
      bob.awaitHeading("Usage");
      bob.await(By.xpath("//p[normalize-space()='No records match.']"));
      bob.open("/credentials");
      bob.awaitHeading("Provider credentials");
      assertFalse(bob.driver.getPageSource().contains("sk-…"), "no credential of ada's");
    }
  }

  @Test
  @Order(12)
  void the_remaining_pages_render_with_no_console_error_or_policy_violation() {
    for (String[] page :
        new String[][] {
          {"/exports", "Exports"},
          {"/settings", "Settings"},
          {"/billing", "Billing"},
          {"/account", "Account"},
          {"/no-such-page", "Not found"}
        }) {
      ada.open(page[0]);
      ada.awaitHeading(page[1]);
      if (page[0].equals("/billing")) {
        ada.await(By.xpath("//*[contains(text(),'Billing is not configured')]"));
      }
      ada.screenshot(page[0].substring(1));
    }
    assertEquals(List.of(), problemsOtherThanExpectedOnes());
    assertEquals("{}", ada.storage().get("local"));
    assertEquals("{}", ada.storage().get("session"));
  }

  @Test
  @Order(10)
  void a_failing_request_shows_an_error_page_with_its_request_id() {
    ada.open("/keys?after=not-a-cursor");
    ada.awaitHeading("Something went wrong");
    String requestId = ada.await(By.cssSelector(".request-id")).getText();
    assertTrue(requestId.length() >= 16, requestId);
    assertTrue(ada.driver.findElement(By.id("main")).getText().contains("after"));
  }

  @Test
  @Order(11)
  void a_new_view_takes_the_focus_and_the_keyboard_moves_on_from_it_in_reading_order() {
    ada.open("/usage");
    ada.awaitHeading("Usage");
    assertEquals("main", ada.driver.switchTo().activeElement().getDomAttribute("id"));
    assertEquals(
        "Skip to content",
        ada.driver.executeScript(
            "return document.querySelector('a[href], button, input, select').textContent"));

    ada.driver.switchTo().activeElement().sendKeys(Keys.TAB);
    assertEquals("24h", ada.driver.switchTo().activeElement().getText());
    ada.driver.switchTo().activeElement().sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
    assertEquals("Log out", ada.driver.switchTo().activeElement().getText(), "the header's last");
  }

  /** The console, less the 4xx answers the steps above asked for on purpose. */
  private static List<String> problemsOtherThanExpectedOnes() {
    return ada.consoleProblems().stream()
        .filter(m -> !m.matches("(?s).*status of 40[014].*"))
        .toList();
  }

  private static ChatCompletionCreateParams chat(String prompt, double temperature) {
    return ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini")
        .addUserMessage(prompt)
        .temperature(temperature)
        .build();
  }

  /** The records table once it holds {@code n} rows (the sink writes in the background). */
  private static List<WebElement> awaitRecords(int n) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (true) {
      ada.open("/usage");
      ada.awaitHeading("Usage");
      List<WebElement> rows = ada.driver.findElements(By.cssSelector("main table tbody tr"));
      if (rows.size() >= n || System.nanoTime() > deadline) {
        assertEquals(n, rows.size(), "records shown");
        return rows;
      }
    }
  }

  private static String tile(String label) {
    return tileOf(ada, label);
  }

  private static String tileOf(Chromium browser, String label) {
    return browser
        .await(By.xpath("//div[@class='tile'][span[normalize-space()='" + label + "']]/strong"))
        .getText();
  }
}
