package io.killtoken.bootstrap.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local stand-in for api.openai.com speaking its wire format: chat.completion JSON, SSE chunk
 * streams with a usage chunk, and error bodies. The model name picks the behaviour; every request's
 * Authorization header and body are kept for the test to inspect.
 */
final class FakeOpenAi implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the fake received it. */
  record Received(String authorization, JsonNode body) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  volatile boolean clientWentAway;

  FakeOpenAi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/v1/chat/completions", this::chat);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void chat(HttpExchange exchange) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"), body));
    String model = body.path("model").asText();
    switch (model) {
      case "gpt-fail-429" -> {
        exchange.getResponseHeaders().add("Retry-After", "7");
        send(
            exchange,
            429,
            error("Rate limit reached for requests", "requests", "rate_limit_exceeded"));
      }
      case "gpt-fail-500" ->
          send(exchange, 500, error("The server had an error", "server_error", null));
      case "gpt-fail-404" ->
          send(
              exchange,
              404,
              error(
                  "The model `gpt-fail-404` does not exist",
                  "invalid_request_error",
                  "model_not_found"));
      case "gpt-hang" -> sleep(30_000);
      default -> {
        if (body.path("stream").asBoolean(false)) {
          stream(exchange, model, model.equals("gpt-slow-stream") ? 200 : 0);
        } else {
          send(exchange, 200, completion(model));
        }
      }
    }
  }

  private static String completion(String model) {
    return """
        {"id":"chatcmpl-fake1","object":"chat.completion","created":1764000000,"model":"%s",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the fake.",
         "refusal":null},"logprobs":null,"finish_reason":"stop"}],
         "usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17,
         "prompt_tokens_details":{"cached_tokens":4}},"system_fingerprint":"fp_fake"}
        """
        .formatted(model);
  }

  private void stream(HttpExchange exchange, String model, int pauseMillis) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    String[] words = {"Hel", "lo ", "from ", "the ", "stream", "."};
    try (OutputStream out = exchange.getResponseBody()) {
      event(out, chunk(model, "{\"role\":\"assistant\",\"content\":\"\"}", null));
      for (String word : words) {
        event(out, chunk(model, "{\"content\":\"" + word + "\"}", null));
        sleep(pauseMillis);
      }
      event(out, chunk(model, "{}", "\"stop\""));
      event(
          out,
          "{\"id\":\"chatcmpl-fake2\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,"
              + "\"model\":\""
              + model
              + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":6,"
              + "\"total_tokens\":15}}");
      out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException gone) {
      clientWentAway = true;
    }
  }

  private static String chunk(String model, String delta, String finish) {
    return "{\"id\":\"chatcmpl-fake2\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,"
        + "\"model\":\""
        + model
        + "\",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"logprobs\":null,\"finish_reason\":"
        + finish
        + "}]}";
  }

  private static void event(OutputStream out, String json) throws IOException {
    out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static String error(String message, String type, String code) {
    return "{\"error\":{\"message\":\""
        + message
        + "\",\"type\":\""
        + type
        + "\",\"param\":null,\"code\":"
        + (code == null ? "null" : "\"" + code + "\"")
        + "}}";
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
