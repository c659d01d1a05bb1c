package io.killtoken.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The fake provider in its own JVM ({@code killtoken-bench.jar fake-provider --port N}). */
final class FakeProviderProcess implements AutoCloseable {

  /**
   * The JDK server's defaults would add Nagle delays to small SSE writes and drop idle keep-alive
   * connections above 200; neither is what a real provider's edge does.
   */
  private static final List<String> JVM_ARGS =
      List.of("-Dsun.net.httpserver.nodelay=true", "-Dsun.net.httpserver.maxIdleConnections=2000");

  private final ChildProcess jvm;
  private final int port;

  private FakeProviderProcess(ChildProcess jvm, int port) {
    this.jvm = jvm;
    this.port = port;
  }

  static FakeProviderProcess start(String classPath, Path log) throws InterruptedException {
    int port = Loopback.freePort();
    ChildProcess jvm =
        ChildProcess.java(
            "fake-provider",
            List.of(),
            List.of(
                "-cp",
                classPath,
                BenchMain.class.getName(),
                "fake-provider",
                "--port",
                Integer.toString(port)),
            Map.of(),
            log);
    try {
      Loopback.awaitUp(
          jvm, URI.create("http://127.0.0.1:" + port + "/_bench/health"), Duration.ofSeconds(30));
    } catch (RuntimeException | InterruptedException e) {
      jvm.close();
      throw e;
    }
    return new FakeProviderProcess(jvm, port);
  }

  long pid() {
    return jvm.pid();
  }

  /** The base URL KillToken is given, as for api.openai.com/v1. */
  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port + "/v1");
  }

  URI chatCompletions() {
    return URI.create("http://127.0.0.1:" + port + "/v1/chat/completions");
  }

  void latency(Duration latency) throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_bench/latency"))
                  .POST(HttpRequest.BodyPublishers.ofString(Long.toString(latency.toMillis())))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 204) {
        throw new IllegalStateException("the fake provider refused the latency: " + response);
      }
    }
  }

  @Override
  public void close() {
    jvm.close();
  }
}
