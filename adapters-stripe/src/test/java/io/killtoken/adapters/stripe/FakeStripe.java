package io.killtoken.adapters.stripe;

import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server standing in for Stripe's API: it answers the calls KillToken makes in
 * Stripe's wire format (form-encoded requests, JSON objects) and records every request — method,
 * path, form parameters and headers — so tests can assert exactly what Stripe would receive. It
 * also signs webhook payloads with Stripe's real scheme.
 */
public final class FakeStripe implements AutoCloseable {

  /** One request as Stripe would have received it. */
  public record Request(
      String method, String path, Map<String, String> form, Map<String, String> headers) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, String> subscriptions = new ConcurrentHashMap<>();
  private final Map<String, String> customersByKey = new ConcurrentHashMap<>();
  private final AtomicInteger customers = new AtomicInteger();
  private volatile boolean down;

  public FakeStripe() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** While down, every call answers 500 as Stripe does in an incident. */
  public void down(boolean isDown) {
    this.down = isDown;
  }

  /** What {@code GET /v1/subscriptions/{id}} answers from now on. */
  public void subscription(
      String id, String customer, String status, String price, long periodEndEpochSecond) {
    subscriptions.put(
        id,
        """
        {"id":"%s","object":"subscription","customer":"%s","status":"%s",
         "items":{"object":"list","data":[{"id":"si_%s","object":"subscription_item",
           "price":{"id":"%s","object":"price"},"current_period_end":%d}]}}"""
            .formatted(id, customer, status, id, price, periodEndEpochSecond));
  }

  /** A webhook event payload as Stripe sends it. */
  public static String event(String id, String type, long created, String object) {
    return """
        {"id":"%s","object":"event","api_version":"2026-07-29.dahlia","created":%d,"type":"%s",
         "livemode":false,"pending_webhooks":1,"data":{"object":%s}}"""
        .formatted(id, created, type, object);
  }

  /** A {@code Stripe-Signature} header for the payload, signed at {@code epochSecond}. */
  public static String sign(String payload, String secret, long epochSecond) {
    try {
      return Webhook.Signature.generateSignatureHeader(payload, secret, epochSecond);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
    String path = exchange.getRequestURI().getPath();
    requests.add(new Request(exchange.getRequestMethod(), path, form(body), headers));
    if (down) {
      reply(exchange, 500, "{\"error\":{\"type\":\"api_error\",\"message\":\"incident\"}}");
      return;
    }
    switch (path) {
      case "/v1/customers" -> {
        String key = headers.getOrDefault("idempotency-key", "none-" + customers.get());
        String id =
            customersByKey.computeIfAbsent(key, k -> "cus_test_" + customers.incrementAndGet());
        reply(exchange, 200, "{\"id\":\"" + id + "\",\"object\":\"customer\"}");
      }
      case "/v1/checkout/sessions" ->
          reply(
              exchange,
              200,
              "{\"id\":\"cs_test_1\",\"object\":\"checkout.session\","
                  + "\"url\":\"https://checkout.stripe.com/c/pay/cs_test_1\"}");
      case "/v1/billing_portal/sessions" ->
          reply(
              exchange,
              200,
              "{\"id\":\"bps_test_1\",\"object\":\"billing_portal.session\","
                  + "\"url\":\"https://billing.stripe.com/p/session/test_1\"}");
      default -> {
        String subscription =
            path.startsWith("/v1/subscriptions/")
                ? subscriptions.get(path.substring("/v1/subscriptions/".length()))
                : null;
        if (subscription == null) {
          reply(
              exchange,
              404,
              "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\","
                  + "\"message\":\"No such object\"}}");
        } else {
          reply(exchange, 200, subscription);
        }
      }
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return form;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Request-Id", "req_fake");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
