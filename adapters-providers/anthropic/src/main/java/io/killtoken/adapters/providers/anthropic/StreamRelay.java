package io.killtoken.adapters.providers.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.error.UpstreamFailure;
import io.killtoken.domain.provider.ChatCall;
import io.killtoken.domain.provider.ChunkSink;
import io.killtoken.domain.provider.StreamOutcome;
import io.killtoken.domain.usage.TokenUsage;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Translates one Anthropic Messages event stream into OpenAI {@code chat.completion.chunk}s, each
 * passed to the sink as its event arrives, keeping the usage, the finish reason and a count of the
 * generated text for when no usage comes.
 *
 * <p>The first chunk (the assistant role) waits for the first content block rather than going out
 * on {@code message_start}: an error event before any content then fails the call before anything
 * reached the client, which can still get a proper status (and the gateway may retry).
 */
final class StreamRelay {

  private final ChatCall call;
  private final ChunkSink sink;
  private final long promptChars;
  private final long created;
  // Anthropic numbers content blocks (text and tool_use alike); OpenAI numbers tool calls alone.
  private final Map<Integer, Integer> toolCallOfBlock = new HashMap<>();
  private String id = "msg";
  private String model;
  private boolean started;
  private Long input;
  private long cacheRead;
  private long cacheCreation;
  private Long output;
  private long completionChars;
  private String finishReason = AnthropicWire.UNKNOWN_FINISH;
  private boolean finished;

  /** {@code created} is the answer's time in epoch seconds, the same on every chunk. */
  StreamRelay(ChatCall call, ChunkSink sink, long promptChars, long created) {
    this.call = call;
    this.sink = sink;
    this.promptChars = promptChars;
    this.created = created;
    this.model = call.model();
  }

  /**
   * Reads until {@code message_stop}, the end of the body or the client leaving.
   *
   * @throws IOException when the body breaks off (including the idle guard closing it)
   * @throws UpstreamFailure when Anthropic sends an error event or ends the stream early
   */
  StreamOutcome relay(SseEvents events) throws IOException {
    SseEvents.Event event;
    while ((event = events.next()) != null) {
      JsonNode data = parse(event.data());
      boolean clientThere;
      switch (data.path("type").asText(event.name())) {
        case "message_start" -> clientThere = start(data.path("message"));
        case "content_block_start" -> clientThere = blockStart(data);
        case "content_block_delta" -> clientThere = blockDelta(data);
        case "message_delta" -> clientThere = messageDelta(data);
        case "message_stop" -> {
          return end();
        }
        // Once bytes went out nothing can be retried: the HTTP layer ends the client's stream
        // with an error event and the record notes an upstream error.
        case "error" -> throw AnthropicErrors.fromStreamError(data, call.apiKey());
        // ping, content_block_stop, and event types Anthropic may add later.
        default -> clientThere = true;
      }
      if (!clientThere) {
        return outcome(true);
      }
    }
    if (!finished) {
      throw AnthropicErrors.unreachable("the stream ended before the answer was complete.");
    }
    // The answer was complete but message_stop never came: good enough.
    return end();
  }

  private boolean start(JsonNode message) {
    id = message.path("id").asText(id);
    model = message.path("model").asText(model);
    readUsage(message.path("usage"));
    // message_start carries a provisional output count; only message_delta's is the final one.
    output = null;
    return true;
  }

  private boolean blockStart(JsonNode event) {
    JsonNode block = event.path("content_block");
    switch (block.path("type").asText("")) {
      case "text" -> {
        return text(block.path("text").asText(""));
      }
      case "tool_use" -> {
        int index = toolCallOfBlock.size();
        toolCallOfBlock.put(event.path("index").asInt(), index);
        String name = block.path("name").asText("");
        completionChars += name.length();
        ObjectNode delta = AnthropicWire.MAPPER.createObjectNode();
        ObjectNode toolCall = delta.putArray("tool_calls").addObject();
        toolCall.put("index", index);
        toolCall.put("id", block.path("id").asText(""));
        toolCall.put("type", "function");
        ObjectNode function = toolCall.putObject("function");
        function.put("name", name);
        function.put("arguments", "");
        return emit(delta, null);
      }
      default -> {
        return true; // thinking and server tool blocks have no OpenAI chunk
      }
    }
  }

  private boolean blockDelta(JsonNode event) {
    JsonNode delta = event.path("delta");
    switch (delta.path("type").asText("")) {
      case "text_delta" -> {
        return text(delta.path("text").asText(""));
      }
      case "input_json_delta" -> {
        Integer index = toolCallOfBlock.get(event.path("index").asInt());
        String arguments = delta.path("partial_json").asText("");
        if (index == null || arguments.isEmpty()) {
          return true;
        }
        completionChars += arguments.length();
        ObjectNode chunk = AnthropicWire.MAPPER.createObjectNode();
        ObjectNode toolCall = chunk.putArray("tool_calls").addObject();
        toolCall.put("index", index);
        toolCall.putObject("function").put("arguments", arguments);
        return emit(chunk, null);
      }
      default -> {
        return true; // thinking and signature deltas
      }
    }
  }

  private boolean messageDelta(JsonNode event) {
    readUsage(event.path("usage"));
    JsonNode stop = event.path("delta").path("stop_reason");
    if (!stop.isTextual()) {
      return true;
    }
    finishReason = AnthropicWire.finishReason(stop.asText());
    finished = true;
    return emit(AnthropicWire.MAPPER.createObjectNode(), finishReason);
  }

  // message_start has the prompt counts; message_delta the output count and, from newer API
  // versions, the prompt counts again (cumulative). Whatever comes last is the final word.
  private void readUsage(JsonNode usage) {
    if (usage.path("input_tokens").isNumber()) {
      input = AnthropicWire.count(usage.path("input_tokens"));
    }
    if (usage.path("cache_read_input_tokens").isNumber()) {
      cacheRead = AnthropicWire.count(usage.path("cache_read_input_tokens"));
    }
    if (usage.path("cache_creation_input_tokens").isNumber()) {
      cacheCreation = AnthropicWire.count(usage.path("cache_creation_input_tokens"));
    }
    if (usage.path("output_tokens").isNumber()) {
      output = AnthropicWire.count(usage.path("output_tokens"));
    }
  }

  private boolean text(String text) {
    if (text.isEmpty()) {
      return begin();
    }
    completionChars += text.length();
    ObjectNode delta = AnthropicWire.MAPPER.createObjectNode();
    delta.put("content", text);
    return emit(delta, null);
  }

  /** Sends the role chunk OpenAI streams open with, once. */
  private boolean begin() {
    if (started) {
      return true;
    }
    started = true;
    ObjectNode delta = AnthropicWire.MAPPER.createObjectNode();
    delta.put("role", "assistant");
    delta.put("content", "");
    return sink.chunk(chunk(delta, null).toString());
  }

  private boolean emit(ObjectNode delta, String finish) {
    return begin() && sink.chunk(chunk(delta, finish).toString());
  }

  private StreamOutcome end() {
    boolean clientThere = true;
    // Usage is always counted; the client sees the usage chunk only when it asked for it, and
    // only when Anthropic reported it (an estimate is for accounting, not for the client).
    if (call.includeUsage() && reported()) {
      ObjectNode chunk = envelope();
      chunk.putArray("choices");
      chunk.set("usage", AnthropicWire.openAiUsage(usage()));
      clientThere = begin() && sink.chunk(chunk.toString());
    }
    return outcome(!clientThere);
  }

  private ObjectNode chunk(ObjectNode delta, String finish) {
    ObjectNode chunk = envelope();
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    choice.put("finish_reason", finish);
    return chunk;
  }

  private ObjectNode envelope() {
    ObjectNode chunk = AnthropicWire.MAPPER.createObjectNode();
    chunk.put("id", id);
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", created);
    chunk.put("model", model);
    return chunk;
  }

  private boolean reported() {
    return input != null && output != null;
  }

  private TokenUsage usage() {
    long out = output != null ? output : AnthropicWire.tokensFor(completionChars);
    return input != null
        ? AnthropicWire.usage(input, cacheRead, cacheCreation, out)
        : new TokenUsage(AnthropicWire.tokensFor(promptChars), out, 0);
  }

  private StreamOutcome outcome(boolean clientClosed) {
    return new StreamOutcome(usage(), !reported(), clientClosed, finishReason);
  }

  private static JsonNode parse(String data) {
    try {
      return AnthropicWire.MAPPER.readTree(data);
    } catch (JsonProcessingException e) {
      throw AnthropicErrors.unreachable("the stream carried an event that is not JSON.");
    }
  }
}
