package io.killtoken.adapters.providers.openaiwire;

import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.provider.ProviderSettings;
import io.killtoken.domain.secret.PlainSecret;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP side of one OpenAI-wire provider: a pooled client that never follows redirects, the
 * connect and first-byte timeouts, and the timer that guards every answer's body against stalls.
 */
final class WireHttp implements AutoCloseable {

  private final String name;
  private final ProviderSettings settings;
  private final OpenAiErrors errors;
  private final InstantSource clock;
  private final HttpClient http;
  private final ScheduledThreadPoolExecutor idleTimer;

  WireHttp(
      OpenAiWireConfig config,
      URI baseUrl,
      ProviderSettings settings,
      OpenAiErrors errors,
      InstantSource clock) {
    this.name = config.name();
    this.settings = settings;
    this.errors = errors;
    this.clock = clock;
    // One pooled client per provider. Redirects are never followed: a redirect must not carry
    // the tenant's key to another host. Over TLS, ALPN picks HTTP/2 and falls back to HTTP/1.1;
    // a cleartext override (a local test server) speaks HTTP/1.1 directly, since few servers
    // accept the h2c upgrade and asking costs every new connection a round of headers.
    boolean tls = "https".equalsIgnoreCase(baseUrl.getScheme());
    this.http =
        HttpClient.newBuilder()
            .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connect())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.idleTimer =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name(config.id().value() + "-idle-guard").daemon().factory());
    // A stream that ends normally cancels its check; without this, cancelled checks would pile
    // up in the queue until their (long) delay ran out.
    this.idleTimer.setRemoveOnCancelPolicy(true);
  }

  /**
   * Posts a JSON body with the tenant's key and waits for the answer's headers, at most the
   * first-byte timeout; the answer's body is then watched by an idle guard.
   *
   * @throws io.killtoken.domain.error.UpstreamFailure when no answer comes (never a 4xx/5xx: that
   *     is an answer, for the caller to map once it has read the body)
   */
  WireResponse post(URI uri, PlainSecret key, String body, String accept) {
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(uri)
              .header("Authorization", "Bearer " + key.value())
              .header("Content-Type", "application/json")
              .header("Accept", accept)
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build();
    } catch (IllegalArgumentException badHeaderValue) {
      // The JDK's message may quote the header value, that is the key: it is not passed on.
      throw new InvalidRequest(
          "The " + name + " key stored for this tenant is not a valid header value.");
    }
    long started = System.nanoTime();
    // The first-byte timeout is kept here rather than as HttpRequest.timeout: from JDK 26 that
    // timeout also covers the body, and would cut off every stream longer than it.
    CompletableFuture<HttpResponse<InputStream>> answer =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
    HttpResponse<InputStream> response;
    try {
      response = answer.get(settings.firstByte().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      if (!answer.cancel(true)) {
        // The headers came in just as time ran out: release that connection too.
        answer.thenAccept(late -> IdleGuard.closeQuietly(late.body()));
      }
      throw errors.unreachable("no answer within " + millis(settings.firstByte()) + ".");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof HttpConnectTimeoutException) {
        throw errors.notConnected("no connection within " + millis(settings.connect()) + ".");
      }
      throw e.getCause() instanceof java.net.ConnectException
          ? errors.notConnected("could not be reached.")
          : errors.unreachable("the connection failed.");
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw errors.unreachable("the call was interrupted.");
    }
    return new WireResponse(response, guard(response, started), key, this);
  }

  /** Ends in-flight calls and releases the client. */
  @Override
  public void close() {
    http.shutdownNow();
    idleTimer.shutdownNow();
  }

  OpenAiErrors errors() {
    return errors;
  }

  InstantSource clock() {
    return clock;
  }

  Duration idle() {
    return settings.idle();
  }

  // The body's first byte gets what is left of the first-byte budget (a reasoning model may send
  // headers long before its first token), but at least one idle period; every later gap gets the
  // idle timeout.
  private IdleGuard guard(HttpResponse<InputStream> response, long startedNanos) {
    Duration left = settings.firstByte().minusNanos(System.nanoTime() - startedNanos);
    Duration first = left.compareTo(settings.idle()) > 0 ? left : settings.idle();
    return IdleGuard.watch(idleTimer, response.body(), first, settings.idle());
  }

  static String millis(Duration duration) {
    return duration.toMillis() + " ms";
  }
}
