package io.killtoken.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A closed-loop load: a fixed number of virtual-thread workers, each sending its next call as soon
 * as the last one is answered, over a fresh pooled HTTP/1.1 client. A warm-up (connections opened,
 * code compiled) comes first; only calls started inside the measured window count.
 */
final class LoadGenerator {

  /** Told, on the coordinating thread, when the measured window begins and ends. */
  interface WindowListener {
    void begin();

    void end();

    WindowListener NONE =
        new WindowListener() {
          @Override
          public void begin() {}

          @Override
          public void end() {}
        };
  }

  /** Bounds every call, so that a hung answer cannot hold the run. */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private LoadGenerator() {}

  /**
   * Runs {@code concurrency} workers for {@code warmup + window}; with several kinds, each worker
   * cycles through them (worker i starting at kind i), so the mix is even.
   */
  static Map<Kind, Sample> run(
      Target target,
      List<Kind> kinds,
      int concurrency,
      Duration warmup,
      Duration window,
      WindowListener listener)
      throws InterruptedException {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    Map<Kind, HttpRequest> requests = new EnumMap<>(Kind.class);
    for (Kind kind : kinds) {
      requests.put(
          kind,
          HttpRequest.newBuilder(target.chatCompletions())
              .timeout(CALL_TIMEOUT)
              .header("Authorization", "Bearer " + target.bearer())
              .header("Content-Type", "application/json")
              .header("Accept", kind == Kind.STREAM ? "text/event-stream" : "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(kind.body()))
              .build());
    }
    long from = System.nanoTime() + warmup.toNanos();
    long until = from + window.toNanos();
    List<Worker> workers = new ArrayList<>();
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    for (int i = 0; i < concurrency; i++) {
      Worker worker = new Worker(client, requests, kinds, i, from, until);
      workers.add(worker);
      threads.submit(worker::run);
    }
    try {
      sleepUntil(from);
      listener.begin();
      sleepUntil(until);
      listener.end();
    } finally {
      threads.shutdown();
      if (!threads.awaitTermination(CALL_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
        client.shutdownNow();
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
      }
      client.shutdownNow();
    }
    Map<Kind, Sample> samples = new EnumMap<>(Kind.class);
    for (Kind kind : kinds) {
      samples.put(kind, merge(workers, kind, window));
    }
    return samples;
  }

  private static Sample merge(List<Worker> workers, Kind kind, Duration window) {
    long requests = 0;
    long errors = 0;
    Optional<String> firstError = Optional.empty();
    for (Worker worker : workers) {
      Recorder recorder = worker.recorders.get(kind);
      requests += recorder.count;
      errors += recorder.errors;
      if (firstError.isEmpty() && recorder.firstError != null) {
        firstError = Optional.of(recorder.firstError);
      }
    }
    long[] total = new long[(int) requests];
    long[] firstToken = new long[(int) requests];
    int at = 0;
    int tokens = 0;
    for (Worker worker : workers) {
      Recorder recorder = worker.recorders.get(kind);
      System.arraycopy(recorder.total, 0, total, at, recorder.count);
      at += recorder.count;
      for (int i = 0; i < recorder.count; i++) {
        if (recorder.firstToken[i] >= 0) {
          firstToken[tokens++] = recorder.firstToken[i];
        }
      }
    }
    return new Sample(
        requests,
        errors,
        firstError,
        window,
        Latencies.of(total, at),
        tokens == 0 ? Latencies.NONE : Latencies.of(firstToken, tokens));
  }

  private static void sleepUntil(long deadlineNanos) throws InterruptedException {
    long left;
    while ((left = deadlineNanos - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  /** One worker's measurements of one kind of call. */
  private static final class Recorder {
    long[] total = new long[1024];
    long[] firstToken = new long[1024];
    int count;
    long errors;
    String firstError;

    void add(long totalNanos, long firstTokenNanos) {
      if (count == total.length) {
        total = Arrays.copyOf(total, count * 2);
        firstToken = Arrays.copyOf(firstToken, count * 2);
      }
      total[count] = totalNanos;
      firstToken[count] = firstTokenNanos;
      count++;
    }

    void error(String what) {
      errors++;
      if (firstError == null) {
        firstError = what;
      }
    }
  }

  /** One closed-loop client. */
  private static final class Worker {
    private final HttpClient client;
    private final Map<Kind, HttpRequest> requests;
    private final List<Kind> kinds;
    private final Map<Kind, Recorder> recorders = new EnumMap<>(Kind.class);
    private final long from;
    private final long until;
    private int next;

    Worker(
        HttpClient client,
        Map<Kind, HttpRequest> requests,
        List<Kind> kinds,
        int index,
        long from,
        long until) {
      this.client = client;
      this.requests = requests;
      this.kinds = kinds;
      this.from = from;
      this.until = until;
      this.next = index % kinds.size();
      kinds.forEach(kind -> recorders.put(kind, new Recorder()));
    }

    void run() {
      while (true) {
        long began = System.nanoTime();
        if (began - until >= 0) {
          return;
        }
        Kind kind = kinds.get(next);
        next = (next + 1) % kinds.size();
        Recorder recorder = recorders.get(kind);
        boolean measured = began - from >= 0;
        try {
          if (kind == Kind.JSON) {
            json(requests.get(kind), began, measured, recorder);
          } else {
            stream(requests.get(kind), began, measured, recorder);
          }
        } catch (IOException | RuntimeException e) {
          recorder.error(
              e.getClass().getSimpleName() + ": " + e.getMessage() + " (" + when(began) + ")");
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private void json(HttpRequest request, long began, boolean measured, Recorder recorder)
        throws IOException, InterruptedException {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      long ended = System.nanoTime();
      if (response.statusCode() != 200 || response.body().length == 0) {
        recorder.error(
            "status "
                + response.statusCode()
                + ": "
                + excerpt(response.body())
                + " ("
                + when(began)
                + ")");
      } else if (measured) {
        recorder.add(ended - began, -1);
      }
    }

    private void stream(HttpRequest request, long began, boolean measured, Recorder recorder)
        throws IOException, InterruptedException {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          recorder.error(
              "status "
                  + response.statusCode()
                  + ": "
                  + excerpt(body.readNBytes(300))
                  + " ("
                  + when(began)
                  + ")");
          return;
        }
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        long firstToken = 0;
        boolean done = false;
        String line;
        while ((line = lines.readLine()) != null) {
          if (firstToken == 0 && carriesContent(line)) {
            firstToken = System.nanoTime();
          } else if (line.equals("data: [DONE]")) {
            done = true;
          }
        }
        long ended = System.nanoTime();
        if (!done || firstToken == 0) {
          recorder.error(
              (done ? "a stream without content" : "a stream without data: [DONE]")
                  + " ("
                  + when(began)
                  + ")");
        } else if (measured) {
          recorder.add(ended - began, firstToken - began);
        }
      }
    }

    /** When a failed call was sent, relative to the start of the measured window. */
    private String when(long began) {
      return String.format(
          java.util.Locale.ROOT, "sent at %+.3f s of the window", (began - from) / 1e9);
    }

    /** A {@code data:} line whose delta has a non-empty {@code content}: a token. */
    private static boolean carriesContent(String line) {
      if (!line.startsWith("data:")) {
        return false;
      }
      int at = line.indexOf("\"content\":\"");
      return at >= 0 && at + 11 < line.length() && line.charAt(at + 11) != '"';
    }

    private static String excerpt(byte[] body) {
      String text = new String(body, StandardCharsets.UTF_8);
      return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
  }
}
