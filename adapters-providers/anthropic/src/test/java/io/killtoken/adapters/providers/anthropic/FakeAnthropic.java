package io.killtoken.adapters.providers.anthropic;

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
 * A local stand-in for api.anthropic.com speaking its wire format: each test scripts the answer (a
 * Messages JSON answer, an SSE event stream, an error body, silence); every request is kept.
 */
final class FakeAnthropic implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the fake received it. */
  record Received(
      String path, String apiKey, String version, String authorization, JsonNode body) {}

  /** How the fake answers one request. */
  @FunctionalInterface
  interface Answer {
    void answer(HttpExchange exchange) throws Exception;
  }

  static final String MESSAGE =
      """
      {"id":"msg_01Fake","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",\
      "content":[{"type":"text","text":"Hello "},{"type":"text","text":"from the fake."}],\
      "stop_reason":"end_turn","stop_sequence":null,\
      "usage":{"input_tokens":10,"cache_creation_input_tokens":3,"cache_read_input_tokens":4,\
      "output_tokens":5,"service_tier":"standard"}}""";

  static final String TOOL_USE =
      """
      {"id":"msg_01Tool","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",\
      "content":[{"type":"text","text":"Let me check."},\
      {"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{"city":"Paris","days":2}},\
      {"type":"tool_use","id":"toolu_01B","name":"get_time","input":{}}],\
      "stop_reason":"tool_use","stop_sequence":null,\
      "usage":{"input_tokens":50,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,\
      "output_tokens":40}}""";

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile Answer answer = exchange -> json(exchange, 200, MESSAGE);

  FakeAnthropic() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  void answer(Answer next) {
    this.answer = next;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** The body of the one request received so far. */
  JsonNode body() {
    return received.getFirst().body();
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
      received.add(
          new Received(
              exchange.getRequestURI().getPath(),
              exchange.getRequestHeaders().getFirst("x-api-key"),
              exchange.getRequestHeaders().getFirst("anthropic-version"),
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
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** Anthropic's error body, e.g. {@code error("rate_limit_error", "Number of requests …")}. */
  static String error(String type, String message) {
    return """
        {"type":"error","error":{"type":"%s","message":"%s"},"request_id":"req_fake"}"""
        .formatted(type, message);
  }

  /** Starts an SSE answer the way Anthropic sends one: 200, text/event-stream, chunked. */
  static Sse sse(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.sendResponseHeaders(200, 0);
    return new Sse(exchange.getResponseBody());
  }

  /** Writes Anthropic's named SSE events, each flushed on its own so it leaves at once. */
  record Sse(OutputStream out) {

    void event(String data) throws IOException {
      String type = JSON.readTree(data).path("type").asText();
      raw("event: " + type + "\ndata: " + data + "\n\n");
    }

    void raw(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  static String messageStart(int input, int cacheRead, int cacheCreation) {
    return """
        {"type":"message_start","message":{"id":"msg_01Stream","type":"message",\
        "role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],\
        "stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":%d,\
        "cache_creation_input_tokens":%d,"cache_read_input_tokens":%d,"output_tokens":1}}}"""
        .formatted(input, cacheCreation, cacheRead);
  }

  /** A message_start from an upstream that reports no usage at all. */
  static String messageStartWithoutUsage() {
    return """
        {"type":"message_start","message":{"id":"msg_01Stream","type":"message",\
        "role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],\
        "stop_reason":null,"stop_sequence":null}}""";
  }

  static String textStart(int index) {
    return """
        {"type":"content_block_start","index":%d,"content_block":{"type":"text","text":""}}"""
        .formatted(index);
  }

  static String textDelta(int index, String text) {
    return """
        {"type":"content_block_delta","index":%d,"delta":{"type":"text_delta","text":"%s"}}"""
        .formatted(index, text);
  }

  static String toolStart(int index, String id, String name) {
    return """
        {"type":"content_block_start","index":%d,"content_block":{"type":"tool_use",\
        "id":"%s","name":"%s","input":{}}}"""
        .formatted(index, id, name);
  }

  /** {@code partialJson} as it goes on the wire, already escaped for a JSON string. */
  static String jsonDelta(int index, String partialJson) {
    return """
        {"type":"content_block_delta","index":%d,"delta":{"type":"input_json_delta",\
        "partial_json":"%s"}}"""
        .formatted(index, partialJson);
  }

  static String blockStop(int index) {
    return """
        {"type":"content_block_stop","index":%d}"""
        .formatted(index);
  }

  static String messageDelta(String stopReason, int output) {
    return """
        {"type":"message_delta","delta":{"stop_reason":"%s","stop_sequence":null},\
        "usage":{"output_tokens":%d}}"""
        .formatted(stopReason, output);
  }

  static String messageDeltaWithoutUsage(String stopReason) {
    return """
        {"type":"message_delta","delta":{"stop_reason":"%s","stop_sequence":null}}"""
        .formatted(stopReason);
  }

  static final String MESSAGE_STOP = "{\"type\":\"message_stop\"}";

  static final String PING = "{\"type\": \"ping\"}";
}
