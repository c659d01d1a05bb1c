package io.killtoken.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** About two seconds of the harness against the fake provider in this JVM: no KillToken needed. */
class LoadGeneratorSmokeTest {

  @Test
  void the_load_generator_measures_json_and_streamed_calls_against_the_fake_provider()
      throws Exception {
    try (FakeProvider fake = FakeProvider.start(0, Duration.ofMillis(4))) {
      Target direct =
          new Target(
              "direct",
              URI.create("http://127.0.0.1:" + fake.port() + "/v1/chat/completions"),
              "sk-test");

      Map<Kind, Sample> samples =
          LoadGenerator.run(
              direct,
              List.of(Kind.values()),
              2,
              Duration.ofMillis(300),
              // Long enough for a cold JVM on a busy two-core machine to finish a few calls.
              Duration.ofMillis(2000),
              LoadGenerator.WindowListener.NONE);

      Sample json = samples.get(Kind.JSON);
      Sample stream = samples.get(Kind.STREAM);
      assertEquals(
          0,
          json.errors() + stream.errors(),
          json.firstError().orElse("") + stream.firstError().orElse(""));
      assertTrue(json.requests() >= 3 && stream.requests() >= 3, samples.toString());
      assertTrue(json.total().p50() >= 4, "the fake waits its latency: " + json.total().p50());
      assertTrue(
          stream.firstToken().p50() < stream.total().p50(),
          "the first token comes before the end of the stream");
    }
  }
}
