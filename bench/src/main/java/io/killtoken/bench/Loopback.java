package io.killtoken.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

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
  static void awaitUp(ChildProcess process, URI url, Duration deadline)
      throws InterruptedException {
    try (HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
      await(process, url.toString(), deadline, () -> answers200(client, url));
    }
  }

  /**
   * Waits until {@code port} on the loopback address accepts a connection, the process dies, or
   * {@code deadline} passes.
   */
  static void awaitListening(ChildProcess process, int port, Duration deadline)
      throws InterruptedException {
    await(process, "127.0.0.1:" + port, deadline, () -> accepts(port));
  }

  private static void await(
      ChildProcess process, String where, Duration deadline, BooleanSupplier answers)
      throws InterruptedException {
    long until = System.nanoTime() + deadline.toNanos();
    while (System.nanoTime() < until) {
      if (!process.alive()) {
        throw new IllegalStateException(
            "the process stopped while starting; its log ("
                + process.log()
                + ") ends with:\n"
                + process.logTail(40));
      }
      if (answers.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        where
            + " did not answer within "
            + deadline.toSeconds()
            + " s; log ends with:\n"
            + process.logTail(40));
  }

  private static boolean answers200(HttpClient client, URI url) {
    try {
      HttpResponse<Void> response =
          client.send(
              HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }
}
