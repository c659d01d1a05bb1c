package io.killtoken.adapters.providers.openaiwire;

import io.killtoken.domain.error.UpstreamFailure;
import io.killtoken.domain.provider.ProviderSettings;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One provider's pooled HTTP client, shared by every provider module: redirects never followed, the
 * operator's connect and first-byte timeouts, and an idle guard on every answer's body. The
 * provider builds its own requests (its key header) and maps its own error bodies.
 */
public final class UpstreamHttp implements AutoCloseable {

  /**
   * How a provider words a call that got no answer.
   *
   * @param notConnected no connection was made: the request never left
   * @param unreachable the request left but no answer came
   */
  public record Failures(
      Function<String, UpstreamFailure> notConnected,
      Function<String, UpstreamFailure> unreachable) {}

  private final ProviderSettings settings;
  private final Failures failures;
  private final HttpClient http;
  private final ScheduledThreadPoolExecutor idleTimer;

  public UpstreamHttp(String name, URI base, ProviderSettings settings, Failures failures) {
    this.settings = settings;
    this.failures = failures;
    // One pooled client per provider. Redirects are never followed: a redirect must not carry
    // the tenant's key to another host. Over TLS, ALPN picks HTTP/2 and falls back to HTTP/1.1;
    // a cleartext override (a local test server) speaks HTTP/1.1 directly, since few servers
    // accept the h2c upgrade and asking costs every new connection a round of headers.
    boolean tls = "https".equalsIgnoreCase(base.getScheme());
    this.http =
        HttpClient.newBuilder()
            .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connect())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.idleTimer =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name(name + "-idle-guard").daemon().factory());
    // A stream that ends normally cancels its check; without this, cancelled checks would pile
    // up in the queue until their (long) delay ran out.
    this.idleTimer.setRemoveOnCancelPolicy(true);
  }

  /**
   * Sends the request and waits for the answer's headers, at most the first-byte timeout.
   *
   * @throws UpstreamFailure when no answer comes (a 4xx/5xx is an answer, for the caller to map)
   */
  public HttpResponse<InputStream> send(HttpRequest request) {
    // The first-byte timeout is kept here rather than as HttpRequest.timeout: from JDK 26 that
    // timeout also covers the body, and would cut off every stream longer than it.
    CompletableFuture<HttpResponse<InputStream>> answer =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
    try {
      return answer.get(settings.firstByte().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      if (!answer.cancel(true)) {
        // The headers came in just as time ran out: release that connection too.
        answer.thenAccept(late -> IdleGuard.closeQuietly(late.body()));
      }
      throw failures.unreachable().apply("no answer within " + millis(settings.firstByte()) + ".");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof HttpConnectTimeoutException) {
        throw failures
            .notConnected()
            .apply("no connection within " + millis(settings.connect()) + ".");
      }
      throw e.getCause() instanceof ConnectException
          ? failures.notConnected().apply("could not be reached.")
          : failures.unreachable().apply("the connection failed.");
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw failures.unreachable().apply("the call was interrupted.");
    }
  }

  /**
   * Watches an answer's body: its first byte gets what is left of the first-byte budget (a model
   * may send headers long before its first token), but at least one idle period; every later gap
   * gets the idle timeout.
   */
  public IdleGuard guard(HttpResponse<InputStream> response, long startedNanos) {
    Duration left = settings.firstByte().minusNanos(System.nanoTime() - startedNanos);
    Duration first = left.compareTo(settings.idle()) > 0 ? left : settings.idle();
    return IdleGuard.watch(idleTimer, response.body(), first, settings.idle());
  }

  public Duration idle() {
    return settings.idle();
  }

  /** Ends in-flight calls and releases the client. */
  @Override
  public void close() {
    http.shutdownNow();
    idleTimer.shutdownNow();
  }

  static String millis(Duration duration) {
    return duration.toMillis() + " ms";
  }
}
