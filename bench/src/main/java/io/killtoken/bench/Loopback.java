package io.killtoken.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Finding a free loopback port for a child process and waiting until it answers there. */
final class Loopback {

  private Loopback() {}

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  /** Polls {@code url} until it answers 200, the process dies, or {@code deadline} passes. */
  static void awaitUp(ChildJvm process, URI url, Duration deadline) throws InterruptedException {
    long until = System.nanoTime() + deadline.toNanos();
    try (HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
      while (System.nanoTime() < until) {
        if (!process.alive()) {
          throw new IllegalStateException(
              "the process stopped while starting; its log ("
                  + process.log()
                  + ") ends with:\n"
                  + process.logTail(40));
        }
        try {
          HttpResponse<Void> response =
              client.send(
                  HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                  HttpResponse.BodyHandlers.discarding());
          if (response.statusCode() == 200) {
            return;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException(
        url
            + " did not answer within "
            + deadline.toSeconds()
            + " s; log ends with:\n"
            + process.logTail(40));
  }
}
