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

  private final String body;

  Kind(String body) {
    this.body = body;
  }

  String body() {
    return body;
  }

  String label() {
    return this == JSON ? "json" : "stream";
  }
}
