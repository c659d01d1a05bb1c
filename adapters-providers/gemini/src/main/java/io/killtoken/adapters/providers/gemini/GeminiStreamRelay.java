package io.killtoken.adapters.providers.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.error.UpstreamFailure;
import io.killtoken.domain.provider.ChatCall;
import io.killtoken.domain.provider.ChunkSink;
import io.killtoken.domain.provider.StreamOutcome;
import io.killtoken.domain.usage.TokenUsage;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Relays one Gemini {@code streamGenerateContent?alt=sse} stream to a sink as OpenAI {@code
 * chat.completion.chunk}s, each Gemini event as soon as it arrives, keeping the last usage, the
 * finish reason and a count of the generated text for when no usage comes.
 */
final class GeminiStreamRelay {

  /** What the relay remembers of one choice between events. */
  private static final class Choice {
    boolean started;
    int toolCalls;
  }

  private final ChatCall call;
  private final ChunkSink sink;
  private final long promptChars;
  private final long created;
  private final Map<Integer, Choice> choices = new HashMap<>();
  private String id;
  private String model;
  private JsonNode lastWithUsage;
  private long completionChars;
  private String finishReason = GeminiWire.UNKNOWN_FINISH;

  GeminiStreamRelay(ChatCall call, ChunkSink sink, long promptChars, long created) {
    this.call = call;
    this.sink = sink;
    this.promptChars = promptChars;
    this.created = created;
  }

  /**
   * Reads until the end of the body or the client leaving. Gemini sends no {@code [DONE]}: the
   * stream is complete when the body ends after a finish reason.
   *
   * @throws IOException when the body breaks off (including the idle guard closing it)
   * @throws UpstreamFailure when Gemini blocks the prompt, reports an error inside the stream, or
   *     ends it early
   */
  StreamOutcome relay(BufferedReader lines) throws IOException {
    String line;
    while ((line = lines.readLine()) != null) {
      // Only data lines matter: blank separators and comments carry nothing for OpenAI chunks.
      if (!line.startsWith("data:")) {
        continue;
      }
      if (!relayed(line.substring(line.startsWith("data: ") ? 6 : 5).strip())) {
        return outcome(true);
      }
    }
    if (finishReason.equals(GeminiWire.UNKNOWN_FINISH)) {
      throw GeminiErrors.unreachable("the stream ended before the answer was complete.");
    }
    // Usage is always counted; the client sees it only when it asked, as OpenAI does.
    if (call.includeUsage() && lastWithUsage != null && !sink.chunk(usageChunk())) {
      return outcome(true);
    }
    return outcome(false);
  }

  /** Passes one Gemini event on as chunks; false when the client has gone. */
  private boolean relayed(String data) {
    JsonNode event;
    try {
      event = GeminiWire.MAPPER.readTree(data);
    } catch (JsonProcessingException e) {
      throw GeminiErrors.unreachable("the stream carried an event that is not JSON.");
    }
    if (event.path("error").isObject()) {
      throw GeminiErrors.fromStreamError(event, call.apiKey());
    }
    if (id == null) {
      // Only the first event can be a blocked prompt: Gemini judges the prompt before answering.
      GeminiErrors.throwIfNoCandidates(event);
      id = GeminiAnswer.id(event);
      model = event.path("modelVersion").asText(call.model());
    }
    if (event.path("usageMetadata").isObject()) {
      lastWithUsage = event;
    }
    for (GeminiCandidate candidate : GeminiCandidate.all(event)) {
      if (!relayed(candidate)) {
        return false;
      }
    }
    return true;
  }

  private boolean relayed(GeminiCandidate candidate) {
    Choice choice = choices.computeIfAbsent(candidate.index(), i -> new Choice());
    completionChars += candidate.chars();
    ObjectNode delta = GeminiWire.MAPPER.createObjectNode();
    if (!choice.started) {
      delta.put("role", "assistant");
    }
    if (!candidate.text().isEmpty() || !choice.started && candidate.calls().isEmpty()) {
      delta.put("content", candidate.text());
    }
    if (!candidate.calls().isEmpty()) {
      delta.set("tool_calls", candidate.toolCalls(choice.toolCalls));
      choice.toolCalls += candidate.calls().size();
    }
    choice.started = true;
    if (!delta.isEmpty() && !sink.chunk(chunk(candidate.index(), delta, null))) {
      return false;
    }
    if (candidate.finishReason() == null) {
      return true;
    }
    String finish = GeminiWire.finishReason(candidate.finishReason(), choice.toolCalls > 0);
    if (candidate.index() == 0 || finishReason.equals(GeminiWire.UNKNOWN_FINISH)) {
      finishReason = finish;
    }
    return sink.chunk(chunk(candidate.index(), GeminiWire.MAPPER.createObjectNode(), finish));
  }

  private String chunk(int index, ObjectNode delta, String finish) {
    ObjectNode chunk = head();
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", index);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    return chunk.toString();
  }

  private String usageChunk() {
    ObjectNode chunk = head();
    chunk.putArray("choices");
    TokenUsage usage = GeminiWire.usage(lastWithUsage).orElseThrow();
    chunk.set("usage", GeminiWire.usageJson(usage, GeminiWire.thoughts(lastWithUsage)));
    return chunk.toString();
  }

  private ObjectNode head() {
    ObjectNode chunk = GeminiWire.MAPPER.createObjectNode();
    chunk.put("id", id);
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", created);
    chunk.put("model", model);
    return chunk;
  }

  // Gemini repeats usageMetadata on every event, the completion count growing as it goes; so
  // a client that leaves mid-way is still charged what Gemini counted up to there. Without any
  // completion count, the relayed text is counted instead and the outcome says so.
  private StreamOutcome outcome(boolean clientClosed) {
    TokenUsage reported = lastWithUsage == null ? null : GeminiWire.usage(lastWithUsage).get();
    if (reported != null && (reported.output() > 0 || completionChars == 0)) {
      return new StreamOutcome(reported, false, clientClosed, finishReason);
    }
    long input = reported != null ? reported.input() : GeminiWire.tokensFor(promptChars);
    long cached = reported != null ? reported.cachedInput() : 0;
    TokenUsage counted = new TokenUsage(input, GeminiWire.tokensFor(completionChars), cached);
    return new StreamOutcome(counted, true, clientClosed, finishReason);
  }
}
