package io.killtoken.adapters.providers.openaiwire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.killtoken.domain.error.UpstreamFailure;
import io.killtoken.domain.provider.ChatCall;
import io.killtoken.domain.provider.ChunkSink;
import io.killtoken.domain.provider.StreamOutcome;
import io.killtoken.domain.usage.TokenUsage;
import java.io.BufferedReader;
import java.io.IOException;

/**
 * Relays one OpenAI-format server-sent-event stream to a sink line by line as it arrives, keeping
 * the usage, the finish reason and a count of the generated text for when no usage comes.
 */
final class SseRelay {

  private static final String DONE = "[DONE]";

  private final ChatCall call;
  private final ChunkSink sink;
  private final long promptChars;
  private final OpenAiErrors errors;
  private TokenUsage reported;
  private long completionChars;
  private String finishReason = OpenAiWire.UNKNOWN_FINISH;

  SseRelay(ChatCall call, ChunkSink sink, long promptChars, OpenAiErrors errors) {
    this.call = call;
    this.sink = sink;
    this.promptChars = promptChars;
    this.errors = errors;
  }

  /**
   * Reads until {@code data: [DONE]}, the end of the body or the client leaving.
   *
   * @throws IOException when the body breaks off (including the idle guard closing it)
   * @throws UpstreamFailure when the provider reports an error inside the stream or ends it early
   */
  StreamOutcome relay(BufferedReader lines) throws IOException {
    String line;
    while ((line = lines.readLine()) != null) {
      // Only data lines matter here: comments (": keep-alive"), blank separators, event and id
      // lines carry nothing the OpenAI chunk format needs.
      if (!line.startsWith("data:")) {
        continue;
      }
      String data = line.substring(line.startsWith("data: ") ? 6 : 5).strip();
      if (data.equals(DONE)) {
        return outcome(false);
      }
      if (!relayed(data)) {
        return outcome(true);
      }
    }
    if (finishReason.equals(OpenAiWire.UNKNOWN_FINISH)) {
      throw errors.unreachable("the stream ended before the answer was complete.");
    }
    // The answer was complete but [DONE] never came: good enough, the HTTP layer writes its own.
    return outcome(false);
  }

  /** Passes one chunk on; false when the client has gone. */
  private boolean relayed(String data) {
    JsonNode chunk;
    try {
      chunk = OpenAiWire.MAPPER.readTree(data);
    } catch (JsonProcessingException e) {
      throw errors.unreachable("the stream carried an event that is not JSON.");
    }
    if (chunk.path("error").isObject()) {
      throw errors.fromStreamError(chunk, call.apiKey());
    }
    OpenAiWire.usage(chunk).ifPresent(usage -> reported = usage);
    completionChars += OpenAiWire.completionChars(chunk);
    String reason = OpenAiWire.finishReason(chunk);
    if (reason != null) {
      finishReason = reason;
    }
    // Usage is always requested upstream for accounting; the client sees it only when it asked.
    if (OpenAiWire.isUsageOnly(chunk) && !call.includeUsage()) {
      return true;
    }
    return sink.chunk(data);
  }

  private StreamOutcome outcome(boolean clientClosed) {
    if (reported != null) {
      return new StreamOutcome(reported, false, clientClosed, finishReason);
    }
    TokenUsage counted =
        new TokenUsage(OpenAiWire.tokensFor(promptChars), OpenAiWire.tokensFor(completionChars), 0);
    return new StreamOutcome(counted, true, clientClosed, finishReason);
  }
}
