package io.killtoken.bootstrap.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver (nothing downloaded: a machine
 * without the {@code chromium} and {@code chromium-driver} packages fails here, loudly). One
 * instance is one browser profile: its own cookies, so two are two users.
 */
final class Chromium implements AutoCloseable {

  static final Path BROWSER = Path.of(env("KILLTOKEN_TEST_CHROMIUM", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(env("KILLTOKEN_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final ChromeDriver driver;
  private final String base;
  private final Path profile;

  Chromium(String base) {
    for (Path binary : List.of(BROWSER, DRIVER)) {
      if (!Files.isExecutable(binary)) {
        throw new IllegalStateException(
            binary
                + " is missing: install Debian's chromium and chromium-driver"
                + " (apt-get install -y chromium chromium-driver), as .ci/run does");
      }
    }
    this.base = base;
    try {
      this.profile = Files.createTempDirectory("killtoken-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1280, 1000));
  }

  void open(String path) {
    driver.get(base + path);
  }

  /** The element once it is there (5 s at most). */
  WebElement await(By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(5))
        .until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** Waits until the page's heading reads {@code text}. */
  void awaitHeading(String text) {
    new WebDriverWait(driver, Duration.ofSeconds(5))
        .until(ExpectedConditions.textToBe(By.tagName("h1"), text));
  }

  WebElement field(String label) {
    WebElement named = driver.findElement(By.xpath("//label[normalize-space()='" + label + "']"));
    return driver.findElement(By.id(named.getDomAttribute("for")));
  }

  void type(String label, String text) {
    WebElement input = field(label);
    input.clear();
    input.sendKeys(text);
  }

  void click(String buttonText) {
    driver.findElement(By.xpath("//button[normalize-space()='" + buttonText + "']")).click();
  }

  void follow(String linkText) {
    driver.findElement(By.linkText(linkText)).click();
  }

  String path() {
    return driver.getCurrentUrl().substring(base.length());
  }

  /** Everything the browser keeps that a page can read: its storage and its address. */
  Map<String, Object> storage() {
    @SuppressWarnings("unchecked")
    Map<String, Object> kept =
        (Map<String, Object>)
            driver.executeScript(
                "return {local: JSON.stringify(localStorage), session:"
                    + " JSON.stringify(sessionStorage), url: location.href, history:"
                    + " history.length};");
    return kept;
  }

  /** The console's errors and Content-Security-Policy reports since the last call. */
  List<String> consoleProblems() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /** A picture of the whole page as it is now, for docs/screenshots. */
  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
      Dimension before = driver.manage().window().getSize();
      driver
          .manage()
          .window()
          .setSize(new Dimension(before.width, (int) Math.min(3000, height + 140)));
      Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
      driver.manage().window().setSize(before);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }

  private static String env(String name, String otherwise) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? otherwise : value;
  }
}
