package io.killtoken.adapters.http.cache;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.cache.CachedAnswerCodec;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Adds up the {@code chat.completion.chunk}s of a stream into the {@code chat.completion} a JSON
 * request would have received, so a streamed answer can be cached; only a complete, clean stream
 * assembles.
 *
 * <p>Runs beside the relay on every streamed miss: each chunk is parsed once, {@link #accept} never
 * throws (a bad chunk only spoils the assembly, never the client's stream), and once spoiled it
 * stops parsing. Not thread-safe: one instance per stream.
 */
public final class StreamAssembly {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final long maxChars;
  private final NavigableMap<Integer, ChoiceAssembly> choices = new TreeMap<>();
  private String id;
  private String model;
  private long created;
  private String fingerprint;
  private String serviceTier;
  private JsonNode usage;
  private long chars;
  private boolean spoiled;

  /** Gives up on answers larger than the cache would store anyway. */
  public StreamAssembly() {
    this(CachedAnswerCodec.MAX_PAYLOAD_BYTES);
  }

  /**
   * @param maxChars text (content, refusal, tool arguments) beyond which the answer is not worth
   *     keeping: the assembly gives up and frees what it held
   */
  public StreamAssembly(long maxChars) {
    if (maxChars < 0) {
      throw new IllegalArgumentException("maxChars must not be negative");
    }
    this.maxChars = maxChars;
  }

  /** Takes the next chunk of the stream, in the order the provider sent it. */
  public void accept(String chunkJson) {
    if (spoiled) {
      return;
    }
    JsonNode chunk = parse(chunkJson);
    if (chunk == null || chunk.hasNonNull("error") || !wellFormed(chunk)) {
      spoil();
      return;
    }
    head(chunk);
    if (chunk.path("usage").isObject()) {
      usage = chunk.get("usage");
    }
    for (JsonNode choice : chunk.path("choices")) {
      JsonNode index = choice.path("index");
      // Some OpenAI-compatible servers leave out the index when there is one choice.
      if (!choice.isObject() || !(index.isMissingNode() || index.canConvertToInt())) {
        spoil();
        return;
      }
      chars += choices.computeIfAbsent(index.asInt(0), ChoiceAssembly::new).add(choice);
    }
    if (chars > maxChars) {
      spoil();
    }
  }

  /**
   * The assembled {@code chat.completion} JSON; empty when the stream was cut short (a choice
   * without a finish reason), malformed, too large, or carried an error.
   */
  public Optional<String> completion() {
    if (spoiled || id == null || model == null || choices.isEmpty()) {
      return Optional.empty();
    }
    if (choices.size() != choices.lastKey() + 1) {
      return Optional.empty(); // a choice never showed up
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("id", id).put("object", "chat.completion").put("created", created);
    answer.put("model", model);
    ArrayNode list = answer.putArray("choices");
    for (ChoiceAssembly choice : choices.values()) {
      Optional<ObjectNode> json = choice.toJson(JSON);
      if (json.isEmpty()) {
        return Optional.empty();
      }
      list.add(json.get());
    }
    if (usage != null) {
      answer.set("usage", usage);
    }
    if (serviceTier != null) {
      answer.put("service_tier", serviceTier);
    }
    if (fingerprint != null) {
      answer.put("system_fingerprint", fingerprint);
    }
    return Optional.of(answer.toString());
  }

  private static JsonNode parse(String chunkJson) {
    if (chunkJson == null) {
      return null;
    }
    try {
      JsonNode chunk = JSON.readTree(chunkJson);
      return chunk != null && chunk.isObject() ? chunk : null;
    } catch (JacksonException malformed) {
      return null;
    }
  }

  /** Usage chunks carry {@code choices: []}; OpenAI sends {@code usage: null} on the others. */
  private static boolean wellFormed(JsonNode chunk) {
    JsonNode choices = chunk.path("choices");
    JsonNode usage = chunk.path("usage");
    return (choices.isArray() || choices.isMissingNode())
        && (usage.isObject() || usage.isNull() || usage.isMissingNode());
  }

  /**
   * Each header field comes from the first chunk that has it: Azure, for one, opens with a chunk
   * whose id and model are empty.
   */
  private void head(JsonNode chunk) {
    id = id != null ? id : text(chunk, "id");
    model = model != null ? model : text(chunk, "model");
    fingerprint = fingerprint != null ? fingerprint : text(chunk, "system_fingerprint");
    serviceTier = serviceTier != null ? serviceTier : text(chunk, "service_tier");
    if (created == 0) {
      created = chunk.path("created").asLong(0);
    }
  }

  private static String text(JsonNode chunk, String field) {
    String value = chunk.path(field).textValue();
    return value == null || value.isEmpty() ? null : value;
  }

  private void spoil() {
    spoiled = true;
    choices.clear();
    usage = null;
  }
}
