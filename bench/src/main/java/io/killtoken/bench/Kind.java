package io.killtoken.bench;

/** The two kinds of chat call measured, with the request body each sends (same bytes both ways). */
enum Kind {
  JSON(
      "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a concise"
          + " assistant.\"},{\"role\":\"user\",\"content\":\"In one sentence, what does a benchmark"
          + " measure?\"}],\"temperature\":0.2,\"max_tokens\":64}"),
  STREAM(
      "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a concise"
          + " assistant.\"},{\"role\":\"user\",\"content\":\"In one sentence, what does a benchmark"
          + " measure?\"}],\"temperature\":0.2,\"max_tokens\":64,\"stream\":true,"
          + "\"stream_options\":{\"include_usage\":true}}");

  /**
   * With {@code --cache-hits} every call asks at temperature 0: KillToken's response cache (mode
   * "deterministic" by default) answers all but the first, so the run measures cache hits.
   */
  private static volatile boolean deterministic;

  private final String body;

  Kind(String body) {
    this.body = body;
  }

  static void askDeterministically() {
    deterministic = true;
  }

  String body() {
    return deterministic ? body.replace("\"temperature\":0.2", "\"temperature\":0") : body;
  }

  String label() {
    return this == JSON ? "json" : "stream";
  }
}
