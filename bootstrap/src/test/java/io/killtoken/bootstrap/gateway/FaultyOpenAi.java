package io.killtoken.bootstrap.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local OpenAI stand-in (or a tenant's self-hosted server) that misbehaves on cue, picked by
 * model name: streams that pause between chunks, slow streams, and crashes whose 500 body holds a
 * traceback with internal host names and a password. It counts the streams whose connection the
 * gateway closed while the fake still had chunks to send.
 */
final class FaultyOpenAi implements AutoCloseable {

  /** In every crash body: if any of it reaches a client, an upstream 5xx body was relayed. */
  static final String CANARY = "KT-CANARY-7f3a";

  static final String CRASH_PASSWORD = "hunter2";
  static final String CRASH_HOST = "db.internal";
  static final String CRASH_REQUEST_ID = "req_7f3a0c9e21";

  /** A crash as a Python server answers it, traceback and connection string included. */
  static final String CRASH_BODY =
      """
      {"error":{"message":"Traceback (most recent call last):\\n  File \\"/srv/llm/app.py\\", \
      line 88, in complete\\n    db = MongoClient(\\"mongodb://admin:hunter2@db.internal:27017/prod\
      \\")\\npymongo.errors.ServerSelectionTimeoutError: db.internal:27017 %s",\
      "type":"server_error","code":null}}"""
          .formatted(CANARY);

  static final String MISSING_MODEL_MESSAGE = "The model `gpt-missing` does not exist";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final AtomicInteger closedByGateway = new AtomicInteger();
  private final AtomicInteger streamsBegun = new AtomicInteger();

  FaultyOpenAi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/v1/chat/completions", this::chat);
    // Anthropic's and Gemini's endpoints under the same base URL: each only crashes.
    server.createContext("/v1/messages", exchange -> crash(exchange, "request-id"));
    server.createContext("/v1/models/", exchange -> crash(exchange, "x-request-id"));
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** Streams whose first chunk the fake has sent. */
  int streamsBegun() {
    return streamsBegun.get();
  }

  /** Streams the gateway closed before the fake had sent everything. */
  int closedByGateway() {
    return closedByGateway.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** A 500 with {@link #CRASH_BODY}, its request id in the provider's own header. */
  private static void crash(HttpExchange exchange, String requestIdHeader) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add(requestIdHeader, CRASH_REQUEST_ID);
      send(exchange, 500, CRASH_BODY);
    }
  }

  private void chat(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode body = JSON.readTree(exchange.getRequestBody());
      String model = body.path("model").asText();
      switch (model) {
        // The stream: a pause of 4 s, then one of 7 s, after the first chunk …
        case "gpt-pauses-after-first" -> paced(exchange, model, new int[] {4_000, 7_000}, 1);
        // … and the same pauses after a few chunks have gone through.
        case "gpt-pauses-later" -> paced(exchange, model, new int[] {4_000, 7_000}, 4);
        // A chunk every 300 ms for about 4 s.
        case "gpt-slow" -> paced(exchange, model, new int[] {}, 14);
        case "gpt-crash" -> {
          exchange.getResponseHeaders().add("x-request-id", CRASH_REQUEST_ID);
          send(exchange, 500, CRASH_BODY);
        }
        case "gpt-missing" ->
            send(
                exchange,
                404,
                "{\"error\":{\"message\":\""
                    + MISSING_MODEL_MESSAGE
                    + "\",\"type\":\"invalid_request_error\",\"param\":null,"
                    + "\"code\":\"model_not_found\"}}");
        default -> send(exchange, 400, "{\"error\":{\"message\":\"unknown test model\"}}");
      }
    }
  }

  /**
   * {@code chunks} chunks 300 ms apart, then for each pause: the pause and five more chunks; then
   * the finish reason, usage and {@code [DONE]}.
   */
  private void paced(HttpExchange exchange, String model, int[] pauses, int chunks) {
    try {
      exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      event(out, chunk(model, "{\"role\":\"assistant\",\"content\":\"\"}", null));
      streamsBegun.incrementAndGet();
      for (int i = 0; i < chunks; i++) {
        if (i > 0) {
          Thread.sleep(300);
        }
        event(out, chunk(model, "{\"content\":\"tick " + i + " \"}", null));
      }
      for (int pause : pauses) {
        Thread.sleep(pause);
        // Several writes, 50 ms apart: the first after a close may still land in a buffer.
        for (int i = 0; i < 5; i++) {
          event(out, chunk(model, "{\"content\":\"late \"}", null));
          Thread.sleep(50);
        }
      }
      event(out, chunk(model, "{}", "stop"));
      event(
          out,
          "{\"id\":\"chatcmpl-faulty\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,"
              + "\"model\":\""
              + model
              + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":"
              + (chunks + 5 * pauses.length)
              + ",\"total_tokens\":"
              + (9 + chunks + 5 * pauses.length)
              + "}}");
      out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException closed) {
      closedByGateway.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String chunk(String model, String delta, String finish) {
    return "{\"id\":\"chatcmpl-faulty\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,"
        + "\"model\":\""
        + model
        + "\",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"logprobs\":null,\"finish_reason\":"
        + (finish == null ? "null" : "\"" + finish + "\"")
        + "}]}";
  }

  private static void event(OutputStream out, String json) throws IOException {
    out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
