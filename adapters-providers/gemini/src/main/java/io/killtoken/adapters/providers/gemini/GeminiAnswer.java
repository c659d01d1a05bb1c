package io.killtoken.adapters.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.provider.ChatAnswer;
import io.killtoken.domain.usage.TokenUsage;

/**
 * Translates a Gemini {@code GenerateContentResponse} into an OpenAI {@code chat.completion}: one
 * choice per candidate, function calls as tool calls, usage from {@code usageMetadata}.
 */
final class GeminiAnswer {

  private GeminiAnswer() {}

  /**
   * @param model the model the client asked for, when Gemini does not name its version
   * @param created the answer's time in epoch seconds
   * @throws io.killtoken.domain.error.UpstreamFailure when Gemini blocked the prompt or gave no
   *     candidate
   */
  static ChatAnswer translate(JsonNode response, String model, long created) {
    GeminiErrors.throwIfNoCandidates(response);
    ObjectNode completion = GeminiWire.MAPPER.createObjectNode();
    completion.put("id", id(response));
    completion.put("object", "chat.completion");
    completion.put("created", created);
    completion.put("model", response.path("modelVersion").asText(model));
    ArrayNode choices = completion.putArray("choices");
    String first = null;
    for (GeminiCandidate candidate : GeminiCandidate.all(response)) {
      String finish =
          GeminiWire.finishReason(
              candidate.finishReason() == null ? "STOP" : candidate.finishReason(),
              !candidate.calls().isEmpty());
      first = first == null ? finish : first;
      ObjectNode choice = choices.addObject().put("index", candidate.index());
      ObjectNode message = choice.putObject("message").put("role", "assistant");
      if (candidate.text().isEmpty() && !candidate.calls().isEmpty()) {
        message.putNull("content");
      } else {
        message.put("content", candidate.text());
      }
      if (!candidate.calls().isEmpty()) {
        message.putArray("tool_calls").addAll(candidate.calls());
      }
      message.putNull("refusal");
      choice.putNull("logprobs");
      choice.put("finish_reason", finish);
    }
    TokenUsage usage = GeminiWire.usage(response).orElse(TokenUsage.NONE);
    completion.set("usage", GeminiWire.usageJson(usage, GeminiWire.thoughts(response)));
    return new ChatAnswer(completion.toString(), usage, first);
  }

  /** Gemini's response id behind OpenAI's prefix, or a fresh one when Gemini sent none. */
  static String id(JsonNode response) {
    JsonNode id = response.path("responseId");
    return id.isTextual() && !id.asText().isBlank()
        ? "chatcmpl-" + id.asText()
        : GeminiWire.id("chatcmpl-");
  }
}
