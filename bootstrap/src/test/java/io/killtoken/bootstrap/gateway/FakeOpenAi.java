package io.killtoken.bootstrap.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * A local stand-in for api.openai.com (or any OpenAI-compatible host): answers text, SSE streams
 * (with the usage chunk only when {@code stream_options.include_usage} asks for it, as OpenAI
 * does), embeddings and error bodies, picked by model name; it calls a tool whenever the request
 * offers tools and does not end with a tool's answer, can hang, takes 1.5 s over a prompt that
 * begins with {@code slow}, and can break a stream off halfway. Every request's Authorization
 * header and body are kept.
 */
public final class FakeOpenAi implements AutoCloseable {

  /** One request as the fake received it. */
  record Received(String authorization, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  public FakeOpenAi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/v1/chat/completions", this::chat);
    server.createContext("/v1/embeddings", this::embeddings);
    server.start();
  }

  public String baseUrl() {
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
    boolean stream = body.path("stream").asBoolean(false);
    JsonNode messages = body.path("messages");
    String lastRole = messages.path(messages.size() - 1).path("role").asText();
    boolean callTool = !body.path("tools").isEmpty() && !lastRole.equals("tool");
    boolean usage = body.path("stream_options").path("include_usage").asBoolean(false);
    if (messages.path(messages.size() - 1).path("content").asText().startsWith("slow")) {
      sleep(1_500);
    }
    switch (model) {
      case "gpt-fail-429" -> {
        exchange.getResponseHeaders().add("Retry-After", "7");
        send(
            exchange,
            429,
            "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\","
                + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}");
      }
      case "gpt-fail-500" ->
          send(
              exchange,
              500,
              "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\","
                  + "\"param\":null,\"code\":null}}");
      case "gpt-fail-404" ->
          send(
              exchange,
              404,
              "{\"error\":{\"message\":\"The model `gpt-fail-404` does not exist\","
                  + "\"type\":\"invalid_request_error\",\"param\":null,"
                  + "\"code\":\"model_not_found\"}}");
      case "gpt-hang" -> sleep(30_000);
      case "gpt-broken-stream" -> broken(exchange, model);
      default -> {
        if (stream && callTool) {
          toolStream(exchange, model, body);
        } else if (stream) {
          textStream(exchange, model, model.equals("gpt-slow-stream") ? 200 : 0, usage);
        } else if (callTool) {
          send(exchange, 200, toolCompletion(model, body));
        } else if (lastRole.equals("tool")) {
          String result = messages.path(messages.size() - 1).path("content").asText();
          send(exchange, 200, completion(model, "It is " + result + " in Paris.", 60, 8, 0));
        } else {
          send(exchange, 200, completion(model, "Hello from the fake.", 12, 5, 4));
        }
      }
    }
  }

  private void embeddings(HttpExchange exchange) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"), body));
    ObjectNode answer = JSON.createObjectNode().put("object", "list");
    JsonNode input = body.path("input");
    int count = input.isArray() ? input.size() : 1;
    for (int i = 0; i < count; i++) {
      ObjectNode item = answer.withArray("data").addObject().put("object", "embedding");
      item.put("index", i).putArray("embedding").add(0.25).add(-0.5).add(i);
    }
    answer.put("model", body.path("model").asText());
    answer.putObject("usage").put("prompt_tokens", 8 * count).put("total_tokens", 8 * count);
    send(exchange, 200, answer.toString());
  }

  private static String completion(String model, String text, int in, int out, int cached) {
    ObjectNode answer = head(model, "chat.completion");
    ObjectNode choice = answer.putArray("choices").addObject().put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", text).putNull("refusal");
    choice.put("finish_reason", "stop");
    answer.set("usage", usage(in, out, cached));
    return answer.toString();
  }

  private static String toolCompletion(String model, JsonNode request) {
    ObjectNode answer = head(model, "chat.completion");
    ObjectNode choice = answer.putArray("choices").addObject().put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant").putNull("content");
    ObjectNode call =
        message.putArray("tool_calls").addObject().put("id", "call_w1").put("type", "function");
    call.putObject("function")
        .put("name", toolName(request))
        .put("arguments", "{\"city\":\"Paris\"}");
    choice.put("finish_reason", "tool_calls");
    answer.set("usage", usage(40, 12, 0));
    return answer.toString();
  }

  /** With {@code usage}, every chunk carries {@code "usage":null} and a usage chunk ends it. */
  private void textStream(HttpExchange exchange, String model, int pauseMillis, boolean usage)
      throws IOException {
    try (OutputStream out = sse(exchange)) {
      event(out, chunk(model, "{\"role\":\"assistant\",\"content\":\"\"}", null, usage));
      for (String word : new String[] {"Hel", "lo ", "from ", "the ", "stream", "."}) {
        event(out, chunk(model, "{\"content\":\"" + word + "\"}", null, usage));
        sleep(pauseMillis);
      }
      event(out, chunk(model, "{}", "stop", usage));
      if (usage) {
        event(out, usageChunk(model, 9, 6, 3));
      }
      out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    } catch (IOException clientGone) {
      // The gateway closed the upstream because its client left: what the disconnect test wants.
    }
  }

  private void toolStream(HttpExchange exchange, String model, JsonNode request)
      throws IOException {
    try (OutputStream out = sse(exchange)) {
      event(out, chunk(model, "{\"role\":\"assistant\",\"content\":null}", null));
      event(
          out,
          chunk(
              model,
              "{\"tool_calls\":[{\"index\":0,\"id\":\"call_w2\",\"type\":\"function\","
                  + "\"function\":{\"name\":\""
                  + toolName(request)
                  + "\",\"arguments\":\"\"}}]}",
              null));
      for (String part : new String[] {"{\\\"city\\\":", "\\\"Paris\\\"}"}) {
        event(
            out,
            chunk(
                model,
                "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"" + part + "\"}}]}",
                null));
      }
      event(out, chunk(model, "{}", "tool_calls"));
      event(out, usageChunk(model, 40, 12, 0));
      out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Two chunks, then the connection ends before any finish reason: a broken upstream. */
  private void broken(HttpExchange exchange, String model) throws IOException {
    try (OutputStream out = sse(exchange)) {
      event(out, chunk(model, "{\"role\":\"assistant\",\"content\":\"\"}", null));
      event(out, chunk(model, "{\"content\":\"Hel\"}", null));
    }
  }

  private static String toolName(JsonNode request) {
    return request.path("tools").path(0).path("function").path("name").asText();
  }

  private static ObjectNode head(String model, String object) {
    return JSON.createObjectNode()
        .put("id", "chatcmpl-fake3")
        .put("object", object)
        .put("created", 1764000000)
        .put("model", model);
  }

  private static ObjectNode usage(int in, int out, int cached) {
    ObjectNode usage =
        JSON.createObjectNode()
            .put("prompt_tokens", in)
            .put("completion_tokens", out)
            .put("total_tokens", in + out);
    usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
    return usage;
  }

  private static String chunk(String model, String delta, String finish) {
    return chunk(model, delta, finish, false);
  }

  private static String chunk(String model, String delta, String finish, boolean usage) {
    return "{\"id\":\"chatcmpl-fake4\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,"
        + "\"model\":\""
        + model
        + "\",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"logprobs\":null,\"finish_reason\":"
        + (finish == null ? "null" : "\"" + finish + "\"")
        + "}]"
        + (usage ? ",\"usage\":null}" : "}");
  }

  private static String usageChunk(String model, int in, int out, int cached) {
    ObjectNode chunk = head(model, "chat.completion.chunk");
    chunk.putArray("choices");
    chunk.set("usage", usage(in, out, cached));
    return chunk.toString();
  }

  private static OutputStream sse(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    return exchange.getResponseBody();
  }

  private static void event(OutputStream out, String json) throws IOException {
    out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
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
