package io.killtoken.bench;

import java.util.Arrays;
import java.util.List;

/**
 * What the fake provider answers, shaped and sized like real OpenAI answers: a chat.completion of
 * about 600 bytes, and a stream of a role chunk, 20 content chunks, a finish chunk and a usage
 * chunk.
 */
final class FakeAnswers {

  private static final String MODEL = "gpt-4o-mini-2024-07-18";
  private static final String ANSWER =
      "A benchmark measures what a system does under a fixed, repeatable load: how fast, how much, "
          + "and at what cost.";

  static final String COMPLETION =
      "{\"id\":\"chatcmpl-BnchF4k3R3sp0ns3Id000000001\",\"object\":\"chat.completion\","
          + "\"created\":1764000000,\"model\":\""
          + MODEL
          + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
          + ANSWER
          + "\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":31,\"completion_tokens\":24,\"total_tokens\":55,"
          + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
          + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
          + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},"
          + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_b3nch000001\"}";

  static final String ROLE_CHUNK =
      chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", null);

  /** The answer cut into 20 pieces of about a token each (a few characters). */
  static final List<String> CONTENT_CHUNKS =
      Arrays.stream(pieces(ANSWER, 20))
          .map(piece -> chunk("{\"content\":\"" + piece + "\"}", null))
          .toList();

  static final String FINISH_CHUNK = chunk("{}", "\"stop\"");

  static final String USAGE_CHUNK =
      "{\"id\":\"chatcmpl-BnchF4k3R3sp0ns3Id000000002\",\"object\":\"chat.completion.chunk\","
          + "\"created\":1764000000,\"model\":\""
          + MODEL
          + "\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_b3nch000001\","
          + "\"choices\":[],\"usage\":{\"prompt_tokens\":31,\"completion_tokens\":24,"
          + "\"total_tokens\":55,\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
          + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
          + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}";

  private FakeAnswers() {}

  private static String chunk(String delta, String finishReason) {
    return "{\"id\":\"chatcmpl-BnchF4k3R3sp0ns3Id000000002\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1764000000,\"model\":\""
        + MODEL
        + "\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_b3nch000001\","
        + "\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"logprobs\":null,\"finish_reason\":"
        + finishReason
        + "}]}";
  }

  private static String[] pieces(String text, int count) {
    String[] pieces = new String[count];
    for (int i = 0; i < count; i++) {
      pieces[i] = text.substring(text.length() * i / count, text.length() * (i + 1) / count);
    }
    return pieces;
  }
}
