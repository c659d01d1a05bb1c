package io.killtoken.adapters.providers.openaiwire;

import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.provider.ProviderSettings;
import io.killtoken.domain.secret.PlainSecret;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;

/**
 * The HTTP side of one OpenAI-wire provider: the shared {@link UpstreamHttp} client, posting with
 * the tenant's key as a bearer token.
 */
final class WireHttp implements AutoCloseable {

  private final String name;
  private final OpenAiErrors errors;
  private final InstantSource clock;
  private final UpstreamHttp upstream;

  WireHttp(
      OpenAiWireConfig config,
      URI baseUrl,
      ProviderSettings settings,
      OpenAiErrors errors,
      InstantSource clock) {
    this.name = config.name();
    this.errors = errors;
    this.clock = clock;
    this.upstream =
        new UpstreamHttp(
            config.id().value(),
            baseUrl,
            settings,
            new UpstreamHttp.Failures(errors::notConnected, errors::unreachable));
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
    HttpResponse<InputStream> response = upstream.send(request);
    return new WireResponse(response, upstream.guard(response, started), key, this);
  }

  /** Ends in-flight calls and releases the client. */
  @Override
  public void close() {
    upstream.close();
  }

  OpenAiErrors errors() {
    return errors;
  }

  InstantSource clock() {
    return clock;
  }

  Duration idle() {
    return upstream.idle();
  }
}
