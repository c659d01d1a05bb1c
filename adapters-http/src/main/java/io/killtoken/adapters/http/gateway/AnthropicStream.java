package io.killtoken.adapters.http.gateway;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.provider.ChunkSink;
import io.killtoken.domain.provider.StreamOutcome;
import io.killtoken.domain.usage.TokenUsage;

/**
 * Turns OpenAI {@code chat.completion.chunk}s into Anthropic Messages stream events as each chunk
 * arrives: {@code message_start}, then per content block (text or {@code tool_use}) a start, its
 * deltas and a stop, then {@code message_delta} with the stop reason and usage, and {@code
 * message_stop}. Nothing is held back but the ending, which needs the stream's final usage.
 */
final class AnthropicStream implements ChunkSink {

  /** Where the events go, one named SSE event each. */
  @FunctionalInterface
  interface Events {

    /**
     * @return false when the client has gone
     */
    boolean send(String event, String json);
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Events events;
  private final String model;
  private boolean started;
  private boolean gone;
  private int blocks;
  private Block open = Block.NONE;
  private int toolIndex;
  private String toolId;
  private boolean toolInputSent;
  private boolean calledTools;
  private boolean refused;
  private String finishReason;

  private enum Block {
    NONE,
    TEXT,
    TOOL
  }

  /**
   * @param model the model the client asked for, used when a chunk does not name one
   */
  AnthropicStream(String model, Events events) {
    this.model = model;
    this.events = events;
  }

  @Override
  public boolean chunk(String json) {
    JsonNode chunk;
    try {
      chunk = JSON.readTree(json);
    } catch (JacksonException notJson) {
      // Providers relay only parsed chunks; one that is not JSON carries nothing to translate.
      return !gone;
    }
    start(chunk);
    for (JsonNode choice : chunk.path("choices")) {
      if (choice.path("index").asInt(0) != 0) {
        continue;
      }
      JsonNode delta = choice.path("delta");
      text(delta.path("content").asText(""));
      String refusal = delta.path("refusal").asText("");
      if (!refusal.isEmpty()) {
        refused = true;
        text(refusal);
      }
      for (JsonNode call : delta.path("tool_calls")) {
        toolCall(call);
      }
      if (choice.path("finish_reason").isTextual()) {
        finishReason = choice.path("finish_reason").textValue();
      }
    }
    return !gone;
  }

  /** Ends a complete stream: closes the open block, then reports the stop reason and usage. */
  void finish(StreamOutcome outcome) {
    start(NODES.objectNode());
    close();
    ObjectNode delta = event("message_delta");
    delta
        .putObject("delta")
        .put(
            "stop_reason",
            AnthropicAnswer.stopReason(
                finishReason != null ? finishReason : outcome.finishReason(), calledTools, refused))
        .putNull("stop_sequence");
    delta.set("usage", AnthropicAnswer.usage(outcome.usage()));
    send("message_delta", delta);
    send("message_stop", event("message_stop"));
  }

  /** Ends a broken stream with the {@code error} event the Anthropic SDKs raise. */
  void fail(String type, String message) {
    ObjectNode error = event("error");
    error.putObject("error").put("type", type).put("message", message);
    send("error", error);
  }

  private void start(JsonNode chunk) {
    if (started) {
      return;
    }
    started = true;
    ObjectNode start = event("message_start");
    ObjectNode message = start.putObject("message");
    message.put("id", AnthropicAnswer.messageId(chunk.path("id").asText("")));
    message.put("type", "message");
    message.put("role", "assistant");
    message.put("model", chunk.path("model").asText(model));
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    // OpenAI reports usage only at the end; message_delta carries the real counts.
    message.set("usage", AnthropicAnswer.usage(TokenUsage.NONE));
    send("message_start", start);
  }

  private void text(String text) {
    if (text.isEmpty()) {
      return;
    }
    if (open != Block.TEXT) {
      close();
      ObjectNode start = blockEvent("content_block_start");
      start.putObject("content_block").put("type", "text").put("text", "");
      send("content_block_start", start);
      open = Block.TEXT;
    }
    ObjectNode delta = blockEvent("content_block_delta");
    delta.putObject("delta").put("type", "text_delta").put("text", text);
    send("content_block_delta", delta);
  }

  /**
   * A delta with a new index or id starts the next tool call; one without continues the open one.
   */
  private void toolCall(JsonNode call) {
    int index = call.path("index").asInt(-1);
    String id = call.path("id").asText("");
    boolean next = open != Block.TOOL || index != toolIndex || !(id.isEmpty() || id.equals(toolId));
    JsonNode function = call.path("function");
    if (next) {
      close();
      toolIndex = index;
      toolId = AnthropicAnswer.toolUseId(id);
      toolInputSent = false;
      calledTools = true;
      ObjectNode start = blockEvent("content_block_start");
      ObjectNode block =
          start
              .putObject("content_block")
              .put("type", "tool_use")
              .put("id", toolId)
              .put("name", function.path("name").asText(""));
      block.putObject("input");
      block.set("caller", AnthropicAnswer.directCaller());
      send("content_block_start", start);
      open = Block.TOOL;
    }
    String arguments = function.path("arguments").asText("");
    if (!arguments.isEmpty()) {
      inputDelta(arguments);
    }
  }

  private void inputDelta(String json) {
    toolInputSent = true;
    ObjectNode delta = blockEvent("content_block_delta");
    delta.putObject("delta").put("type", "input_json_delta").put("partial_json", json);
    send("content_block_delta", delta);
  }

  private void close() {
    if (open == Block.NONE) {
      return;
    }
    if (open == Block.TOOL && !toolInputSent) {
      // A tool called without arguments: Anthropic clients still expect an input object.
      inputDelta("{}");
    }
    send("content_block_stop", blockEvent("content_block_stop"));
    open = Block.NONE;
    blocks++;
  }

  private ObjectNode blockEvent(String type) {
    return event(type).put("index", blocks);
  }

  private static ObjectNode event(String type) {
    return NODES.objectNode().put("type", type);
  }

  private void send(String name, ObjectNode event) {
    if (!gone && !events.send(name, event.toString())) {
      gone = true;
    }
  }
}
