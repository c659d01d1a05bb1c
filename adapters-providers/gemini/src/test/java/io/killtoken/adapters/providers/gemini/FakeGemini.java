package io.killtoken.adapters.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A local stand-in for generativelanguage.googleapis.com speaking its wire format: each test
 * scripts the answer (GenerateContentResponse JSON, an SSE stream, a Google error body, silence);
 * every request is kept as it arrived.
 */
final class FakeGemini implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One request as the fake received it.
   *
   * @param uri the raw request URI, path and query, exactly as sent
   */
  record Received(
      String uri, String path, String query, String apiKey, String authorization, JsonNode body) {}

  /** How the fake answers one request. */
  @FunctionalInterface
  interface Answer {
    void answer(HttpExchange exchange) throws Exception;
  }

  /** A plain answer as gemini-2.5-flash gives it, thinking tokens and implicit cache included. */
  static final String ANSWER =
      """
      {"candidates":[{"content":{"parts":[{"text":"Hello from the fake."}],"role":"model"},\
      "finishReason":"STOP","avgLogprobs":-0.12}],\
      "usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":5,"totalTokenCount":40,\
      "cachedContentTokenCount":4,"thoughtsTokenCount":23,\
      "promptTokensDetails":[{"modality":"TEXT","tokenCount":12}]},\
      "modelVersion":"gemini-2.5-flash","responseId":"fakeResponse1"}""";

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile Answer answer = exchange -> json(exchange, 200, ANSWER);

  FakeGemini() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1beta");
  }

  void answer(Answer next) {
    this.answer = next;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** Blocks an answer until the test is over: an upstream that never answers. */
  void hang() throws InterruptedException {
    closing.await();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode body = JSON.readTree(exchange.getRequestBody());
      URI uri = exchange.getRequestURI();
      received.add(
          new Received(
              uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
              uri.getPath(),
              uri.getRawQuery(),
              exchange.getRequestHeaders().getFirst("x-goog-api-key"),
              exchange.getRequestHeaders().getFirst("Authorization"),
              body));
      answer.answer(exchange);
    } catch (IOException clientGone) {
      throw clientGone;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  static void json(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** Google's error body, as the Gemini API sends it. */
  static String error(int code, String message, String status) {
    return """
        {"error":{"code":%d,"message":"%s","status":"%s"}}"""
        .formatted(code, message, status);
  }

  /** Starts an SSE answer the way Gemini sends one: 200, text/event-stream, chunked. */
  static Sse sse(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    return new Sse(exchange.getResponseBody());
  }

  /** Writes SSE events, each flushed on its own so it leaves at once. */
  record Sse(OutputStream out) {

    // Gemini sends each event as one line of JSON and separates events with CRLF.
    void data(String json) throws IOException {
      raw("data: " + JSON.readTree(json) + "\r\n\r\n");
    }

    void raw(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  /** One streamed piece of text; Gemini repeats the usage so far on every event. */
  static String textEvent(String text, int candidates) {
    return """
        {"candidates":[{"content":{"parts":[{"text":"%s"}],"role":"model"},"index":0}],\
        "usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":%d,\
        "totalTokenCount":%d},"modelVersion":"gemini-2.5-flash","responseId":"fakeStream1"}"""
        .formatted(text, candidates, 12 + candidates);
  }

  /** The last event: the last text, the finish reason and the final usage. */
  static String lastEvent(String text, String reason, int candidates, int thoughts) {
    return """
        {"candidates":[{"content":{"parts":[{"text":"%s"}],"role":"model"},\
        "finishReason":"%s","index":0}],\
        "usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":%d,\
        "totalTokenCount":%d,"thoughtsTokenCount":%d,"cachedContentTokenCount":4},\
        "modelVersion":"gemini-2.5-flash","responseId":"fakeStream1"}"""
        .formatted(text, reason, candidates, 12 + candidates + thoughts, thoughts);
  }

  /** An event without usageMetadata, as some proxies and older models stream. */
  static String bareEvent(String text, String reason) {
    String finish = reason == null ? "" : ",\"finishReason\":\"" + reason + "\"";
    return """
        {"candidates":[{"content":{"parts":[{"text":"%s"}],"role":"model"}%s}]}"""
        .formatted(text, finish);
  }
}
