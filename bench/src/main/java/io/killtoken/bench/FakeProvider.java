package io.killtoken.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * A local stand-in for api.openai.com that answers {@code POST /v1/chat/completions} after a fixed
 * latency: a chat.completion JSON, or for {@code "stream":true} an SSE stream whose content chunks
 * are spread evenly over that latency. {@code POST /_bench/latency} (body: milliseconds) changes
 * the latency between measurements; {@code GET /_bench/health} says it is up.
 */
final class FakeProvider implements AutoCloseable {

  private static final byte[] STREAM_MARKER = "\"stream\":true".getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private volatile long latencyNanos;

  private FakeProvider(HttpServer server, Duration latency) {
    this.server = server;
    this.latencyNanos = latency.toNanos();
  }

  /** Serves on 127.0.0.1 ({@code port} 0: any free port) until closed. */
  static FakeProvider start(int port, Duration latency) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
    FakeProvider fake = new FakeProvider(server, latency);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/v1/chat/completions", fake::chat);
    server.createContext("/_bench/latency", fake::setLatency);
    server.createContext("/_bench/health", exchange -> send(exchange, 200, "text/plain", "up"));
    server.start();
    return fake;
  }

  int port() {
    return server.getAddress().getPort();
  }

  void latency(Duration latency) {
    this.latencyNanos = latency.toNanos();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void chat(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      long started = System.nanoTime();
      long latency = latencyNanos;
      if (!contains(body, STREAM_MARKER)) {
        sleepUntil(started + latency);
        send(exchange, 200, "application/json", FakeAnswers.COMPLETION);
        return;
      }
      exchange.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
      exchange.getResponseHeaders().add("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      event(out, FakeAnswers.ROLE_CHUNK);
      int pieces = FakeAnswers.CONTENT_CHUNKS.size();
      for (int i = 0; i < pieces; i++) {
        // Deadlines from the start, not sleeps between chunks, so the total stays at the latency.
        sleepUntil(started + latency * (i + 1) / pieces);
        event(out, FakeAnswers.CONTENT_CHUNKS.get(i));
      }
      event(out, FakeAnswers.FINISH_CHUNK);
      event(out, FakeAnswers.USAGE_CHUNK);
      event(out, "[DONE]");
    }
  }

  private void setLatency(HttpExchange exchange) throws IOException {
    try (exchange) {
      String millis =
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII).strip();
      try {
        latency(Duration.ofMillis(Long.parseLong(millis)));
        send(exchange, 204, "text/plain", null);
      } catch (NumberFormatException e) {
        send(exchange, 400, "text/plain", "milliseconds expected");
      }
    }
  }

  private static void event(OutputStream out, String data) throws IOException {
    out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleepUntil(long deadlineNanos) {
    long left;
    while ((left = deadlineNanos - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
