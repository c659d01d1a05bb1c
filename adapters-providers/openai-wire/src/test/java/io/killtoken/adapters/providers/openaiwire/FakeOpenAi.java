package io.killtoken.adapters.providers.openaiwire;

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
 * A local stand-in for api.openai.com (or any provider speaking its wire format): each test scripts
 * the answer (chat.completion JSON, an SSE chunk stream, an embeddings list, an error body,
 * silence); every request is kept. Shared through this library's test-jar.
 */
public final class FakeOpenAi implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the fake received it. */
  public record Received(String path, String authorization, JsonNode body) {}

  /** How the fake answers one request. */
  @FunctionalInterface
  public interface Answer {
    void answer(HttpExchange exchange) throws Exception;
  }

  public static final String COMPLETION =
      """
      {"id":"chatcmpl-fake1","object":"chat.completion","created":1764000000,"model":"gpt-4o-mini-2024-07-18",\
      "choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the fake.","refusal":null,\
      "annotations":[]},"logprobs":null,"finish_reason":"stop"}],\
      "usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17,\
      "prompt_tokens_details":{"cached_tokens":4,"audio_tokens":0},\
      "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0}},\
      "service_tier":"default","system_fingerprint":"fp_fake"}""";

  /** An embeddings answer in OpenAI's {@code list} format. */
  public static final String EMBEDDINGS =
      """
      {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.0023,-0.0093,0.0156]},\
      {"object":"embedding","index":1,"embedding":[0.0112,0.0041,-0.0207]}],\
      "model":"text-embedding-3-small","usage":{"prompt_tokens":9,"total_tokens":9}}""";

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile Answer answer = exchange -> json(exchange, 200, COMPLETION);

  public FakeOpenAi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  public URI baseUrl() {
    return baseUrl("/v1");
  }

  /** The fake's address under another path, e.g. {@code /inference/v1} for Fireworks. */
  public URI baseUrl(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  public void answer(Answer next) {
    this.answer = next;
  }

  /** Forgets the requests received so far, e.g. after a warm-up call. */
  public void forget() {
    received.clear();
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /** Blocks an answer until the test is over: an upstream that never answers. */
  public void hang() throws InterruptedException {
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
              exchange.getRequestHeaders().getFirst("Authorization"),
              body));
      answer.answer(exchange);
    } catch (IOException clientGone) {
      throw clientGone;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  public static void json(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  public static String error(String message, String type, String code) {
    return """
        {"error":{"message":"%s","type":"%s","param":null,"code":%s}}"""
        .formatted(message, type, code == null ? "null" : "\"" + code + "\"");
  }

  /** Starts an SSE answer the way OpenAI sends one: 200, text/event-stream, chunked. */
  public static Sse sse(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.sendResponseHeaders(200, 0);
    return new Sse(exchange.getResponseBody());
  }

  /** Writes SSE events, each flushed on its own so it leaves at once. */
  public record Sse(OutputStream out) {

    public void data(String json) throws IOException {
      raw("data: " + json + "\n\n");
    }

    public void done() throws IOException {
      raw("data: [DONE]\n\n");
    }

    public void raw(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  /** A content chunk as OpenAI streams it (usage null because include_usage is set). */
  public static String chunk(String content) {
    return """
        {"id":"chatcmpl-s1","object":"chat.completion.chunk","created":1764000000,\
        "model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_fake",\
        "choices":[{"index":0,"delta":{"content":"%s"},"logprobs":null,"finish_reason":null}],\
        "usage":null}"""
        .formatted(content);
  }

  public static String finish(String reason) {
    return """
        {"id":"chatcmpl-s1","object":"chat.completion.chunk","created":1764000000,\
        "model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_fake",\
        "choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"%s"}],"usage":null}"""
        .formatted(reason);
  }

  public static String usageOnly(int prompt, int completion, int cached) {
    return """
        {"id":"chatcmpl-s1","object":"chat.completion.chunk","created":1764000000,\
        "model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_fake","choices":[],\
        "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d,\
        "prompt_tokens_details":{"cached_tokens":%d,"audio_tokens":0},\
        "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0}}}"""
        .formatted(prompt, completion, prompt + completion, cached);
  }
}
