package io.killtoken.adapters.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.RetriableUpstreamFailure;
import io.killtoken.domain.provider.EmbeddingAnswer;
import io.killtoken.domain.usage.TokenUsage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Translates OpenAI embeddings requests into Gemini {@code batchEmbedContents} calls and their
 * answers back into OpenAI's {@code list} of embeddings.
 */
final class GeminiEmbeddings {

  /** Gemini takes at most this many texts in one batchEmbedContents call. */
  static final int BATCH_LIMIT = 100;

  /** OpenAI's own cap on inputs per request. */
  private static final int INPUT_LIMIT = 2048;

  /**
   * One OpenAI embeddings request, read.
   *
   * @param dimensions the requested vector size, or null for the model's own
   * @param base64 whether the vectors go back as base64 float32 arrays instead of JSON numbers
   */
  record Request(List<String> texts, Integer dimensions, boolean base64) {

    Request {
      texts = List.copyOf(texts);
    }

    /** The texts in batches Gemini accepts. */
    List<List<String>> batches() {
      List<List<String>> batches = new ArrayList<>();
      for (int from = 0; from < texts.size(); from += BATCH_LIMIT) {
        batches.add(texts.subList(from, Math.min(texts.size(), from + BATCH_LIMIT)));
      }
      return batches;
    }

    long chars() {
      return texts.stream().mapToLong(String::length).sum();
    }
  }

  private GeminiEmbeddings() {}

  static Request read(String body) {
    ObjectNode request = GeminiWire.object(body);
    List<String> texts = new ArrayList<>();
    JsonNode input = request.path("input");
    if (input.isTextual()) {
      texts.add(input.asText());
    } else if (input.isArray()) {
      for (JsonNode item : input) {
        if (!item.isTextual()) {
          // Token arrays are in OpenAI's tokenizer; Gemini cannot read them.
          throw new InvalidRequest("Gemini embeds text only: 'input' must be strings.");
        }
        texts.add(item.asText());
      }
    }
    if (texts.isEmpty() || texts.size() > INPUT_LIMIT) {
      throw new InvalidRequest("'input' must be a string or 1 to " + INPUT_LIMIT + " strings.");
    }
    if (texts.stream().anyMatch(String::isEmpty)) {
      throw new InvalidRequest("'input' must not contain empty strings.");
    }
    JsonNode dimensions = request.path("dimensions");
    if (!dimensions.isMissingNode() && !dimensions.isNull() && !positiveInt(dimensions)) {
      throw new InvalidRequest("'dimensions' must be a positive integer.");
    }
    String format = request.path("encoding_format").asText("float");
    if (!format.equals("float") && !format.equals("base64")) {
      throw new InvalidRequest("'encoding_format' must be 'float' or 'base64'.");
    }
    return new Request(
        texts, positiveInt(dimensions) ? dimensions.asInt() : null, format.equals("base64"));
  }

  /** The batchEmbedContents body for one batch. */
  static String batchBody(String model, List<String> texts, Integer dimensions) {
    ObjectNode body = GeminiWire.MAPPER.createObjectNode();
    ArrayNode requests = body.putArray("requests");
    for (String text : texts) {
      ObjectNode one = requests.addObject().put("model", "models/" + model);
      one.putObject("content").putArray("parts").addObject().put("text", text);
      if (dimensions != null) {
        one.put("outputDimensionality", dimensions);
      }
    }
    return body.toString();
  }

  /** Adds one batch answer's vectors to {@code data}, numbered on from what is already there. */
  static void addVectors(JsonNode answer, int expected, boolean base64, ArrayNode data) {
    JsonNode embeddings = answer.path("embeddings");
    if (!embeddings.isArray() || embeddings.size() != expected) {
      throw new RetriableUpstreamFailure(
          "Gemini: the answer does not hold one embedding per input.", 502, null);
    }
    for (JsonNode embedding : embeddings) {
      ObjectNode item = data.addObject().put("object", "embedding").put("index", data.size() - 1);
      JsonNode values = embedding.path("values");
      if (base64) {
        item.put("embedding", base64(values));
      } else {
        item.set("embedding", values.deepCopy());
      }
    }
  }

  /**
   * The OpenAI answer. Gemini reports no token count for embeddings, so the prompt tokens are
   * estimated from the text (about four characters a token); the usage row is billed from that.
   */
  static EmbeddingAnswer answer(String model, Request request, ArrayNode data) {
    long tokens = GeminiWire.tokensFor(request.chars());
    ObjectNode body = GeminiWire.MAPPER.createObjectNode().put("object", "list");
    body.set("data", data);
    body.put("model", model);
    body.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
    return new EmbeddingAnswer(body.toString(), new TokenUsage(tokens, 0, 0));
  }

  // What OpenAI sends for encoding_format=base64: the float32 values, little-endian, in base64.
  private static String base64(JsonNode values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.size() * Float.BYTES);
    bytes.order(ByteOrder.LITTLE_ENDIAN);
    values.forEach(v -> bytes.putFloat(v.floatValue()));
    return Base64.getEncoder().encodeToString(bytes.array());
  }

  private static boolean positiveInt(JsonNode node) {
    return node.isIntegralNumber() && node.canConvertToInt() && node.asInt() > 0;
  }
}
