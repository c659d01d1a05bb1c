package io.killtoken.bench;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A local stand-in for api.openai.com that answers {@code POST /v1/chat/completions} after a fixed
 * latency: a chat.completion JSON, or for {@code "stream":true} an SSE stream whose content chunks
 * are spread evenly over that latency. {@code POST /_bench/latency} (body: milliseconds) changes
 * the latency between measurements; {@code GET /_bench/health} says it is up.
 *
 * <p>Javalin on Jetty with virtual threads, the same server stack as KillToken's: the JDK's
 * built-in HTTP server now and then closed a kept-alive connection under a request at 100
 * connections, which showed up as client errors that were not KillToken's.
 */
final class FakeProvider implements AutoCloseable {

  private static final byte[] STREAM_MARKER = "\"stream\":true".getBytes(StandardCharsets.UTF_8);

  private final Javalin server;
  private volatile long latencyNanos;

  private FakeProvider(Duration latency, int port) {
    this.latencyNanos = latency.toNanos();
    this.server =
        Javalin.create(
            config -> {
              config.concurrency.useVirtualThreads = true;
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.jetty.host = "127.0.0.1";
              config.jetty.port = port;
              config.routes.post("/v1/chat/completions", this::chat);
              config.routes.post("/_bench/latency", this::setLatency);
              config.routes.get("/_bench/health", ctx -> ctx.result("up"));
            });
  }

  /** Serves on 127.0.0.1 ({@code port} 0: any free port) until closed. */
  static FakeProvider start(int port, Duration latency) {
    FakeProvider fake = new FakeProvider(latency, port);
    fake.server.start();
    return fake;
  }

  int port() {
    return server.port();
  }

  void latency(Duration latency) {
    this.latencyNanos = latency.toNanos();
  }

  @Override
  public void close() {
    server.stop();
  }

  private void chat(Context ctx) throws IOException {
    byte[] body = ctx.bodyAsBytes();
    long started = System.nanoTime();
    long latency = latencyNanos;
    if (!contains(body, STREAM_MARKER)) {
      sleepUntil(started + latency);
      ctx.contentType("application/json").result(FakeAnswers.COMPLETION);
      return;
    }
    ctx.status(200);
    ctx.res().setContentType("text/event-stream; charset=utf-8");
    ctx.res().setHeader("Cache-Control", "no-cache");
    OutputStream out = ctx.res().getOutputStream();
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

  private void setLatency(Context ctx) {
    try {
      latency(Duration.ofMillis(Long.parseLong(ctx.body().strip())));
      ctx.status(204);
    } catch (NumberFormatException e) {
      ctx.status(400).result("milliseconds expected");
    }
  }

  private static void event(OutputStream out, String data) throws IOException {
    out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
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
