package io.killtoken.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.killtoken.adapters.mongo.usage.MongoUsageSink;
import io.killtoken.domain.tenant.TenantId;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * How fast the dashboard renders a busy tenant's 30 days: KillToken from its jar on a MongoDB-wire
 * server and Redis (each its own process), a tenant signed up in Debian's headless Chromium, its
 * usage (records and rollups, spread over the last 30 days) written by the real usage sink, then
 * each page opened again and again and timed by the page itself — from the start of the navigation
 * to the moment the view, its charts included, is drawn ({@code kt:rendered}).
 *
 * <pre>bench/dashboard [records, default 100000]</pre>
 */
public final class DashboardBench {

  private static final int RUNS = 15;
  private static final List<String> PAGES =
      List.of("/?range=30d", "/?range=24h", "/usage?range=30d", "/insights");

  private DashboardBench() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path work = Files.createTempDirectory("killtoken-dashboard-bench");
    try (ExternalStores stores = ExternalStores.start(System.getProperty("java.class.path"), work);
        KillTokenProcess killToken =
            KillTokenProcess.start(
                Path.of("bootstrap/target/killtoken.jar"),
                JvmOptions.read(Options.JVM_OPTIONS),
                stores.env(),
                URI.create("http://127.0.0.1:9/v1"),
                work.resolve("data"),
                work.resolve("killtoken.log"))) {
      ChromeDriver browser = chromium();
      try {
        String base = killToken.url("").toString();
        TenantId tenant = signUp(browser, base);
        long started = System.nanoTime();
        load(stores.env().get("MONGODB_URI"), tenant, records);
        double loadSeconds = (System.nanoTime() - started) / 1e9;
        StringBuilder report = new StringBuilder();
        report.append(
            String.format(
                Locale.ROOT,
                "%,d records of one tenant over the last 30 days (loaded in %.0f s); each page"
                    + " opened %d times after 3 warm-ups; milliseconds from the start of the"
                    + " navigation to the view drawn; the slowest requests of the last load.%n%n| page | p50 | max | slowest requests (ms) |%n|---|---:|---:|---|%n",
                records,
                loadSeconds,
                RUNS));
        for (String page : PAGES) {
          List<Double> millis = new ArrayList<>();
          for (int i = 0; i < RUNS + 3; i++) {
            double took = open(browser, base + page);
            if (i >= 3) {
              millis.add(took);
            }
          }
          millis.sort(null);
          report.append(
              String.format(
                  Locale.ROOT,
                  "| `%s` | %.0f | %.0f | %s |%n",
                  page,
                  millis.get(millis.size() / 2),
                  millis.getLast(),
                  slowest(browser)));
        }
        System.out.println(report);
      } finally {
        browser.quit();
      }
    }
  }

  private static TenantId signUp(ChromeDriver browser, String base) {
    browser.get(base + "/signup");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    wait.until(d -> d.findElements(By.name("tenant_name")).size() == 1);
    browser.findElement(By.name("tenant_name")).sendKeys("Busy tenant");
    browser.findElement(By.name("email")).sendKeys("busy-" + System.nanoTime() + "@example.com");
    browser.findElement(By.name("password")).sendKeys("correct horse battery staple");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(d -> d.findElements(By.cssSelector(".tiles")).size() == 1);
    Object id =
        browser.executeAsyncScript(
            "const done = arguments[0];"
                + " fetch('/api/v1/auth/me').then(r => r.json()).then(me => done(me.tenant.id));");
    return new TenantId((String) id);
  }

  private static void load(String uri, TenantId tenant, int records) throws InterruptedException {
    try (MongoClient client = MongoClients.create(uri);
        MongoUsageSink sink = new MongoUsageSink(client.getDatabase("killtoken"))) {
      SampleCalls calls = new SampleCalls(Instant.now().truncatedTo(ChronoUnit.MILLIS));
      for (int i = 0; i < records; i++) {
        sink.record(calls.next(tenant, i, records));
      }
      sink.flush();
    }
  }

  /** The three longest requests of the page's last load, by their resource timing. */
  private static String slowest(ChromeDriver browser) {
    Object text =
        browser.executeScript(
            "return performance.getEntriesByType('resource')"
                + ".sort((a, b) => b.duration - a.duration).slice(0, 3)"
                + ".map(r => new URL(r.name).pathname + new URL(r.name).search.replace(/&?(from|to)=[^&]*/g, '')"
                + " + ' ' + Math.round(r.duration)).join(', ');");
    return String.valueOf(text).replace("|", "\\|");
  }

  /** Opens the page and answers how long it took to draw, as the page measured it. */
  private static double open(ChromeDriver browser, String url) {
    browser.get(url);
    Object millis =
        new WebDriverWait(browser, Duration.ofSeconds(30))
            .until(
                d ->
                    browser.executeScript(
                        "const m = performance.getEntriesByName('kt:rendered');"
                            + " return m.length ? m[0].startTime : null;"));
    return ((Number) millis).doubleValue();
  }

  private static ChromeDriver chromium() throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--user-data-dir=" + Files.createTempDirectory("killtoken-bench-chromium"));
    ChromeDriver driver =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .build(),
            options);
    driver.manage().window().setSize(new Dimension(1280, 1000));
    return driver;
  }
}
