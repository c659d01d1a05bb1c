package io.killtoken.domain.limit;

import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ModelPrice;
import io.killtoken.domain.usage.TokenUsage;
import java.util.OptionalLong;

/**
 * The most a chat call can cost before it runs, for budget reservations: the whole request body
 * priced as prompt, plus the largest answer the request allows priced as completion. Deliberately
 * pessimistic: the reservation is settled to the real cost when the call ends, so a high estimate
 * only delays calls near the end of a budget, while a low one would let a burst overshoot it.
 */
public final class WorstCaseCost {

  /**
   * Output cap for a request that names none. Not a bound for every model (some write more), so a
   * call without {@code max_tokens} that writes longer is the one way spend can pass a budget.
   */
  public static final long DEFAULT_OUTPUT_TOKENS = 16_384;

  /*
   * Byte-level BPE tokenizers (OpenAI, Anthropic, Llama, Mistral) spend about 4 bytes of English or
   * code per token and 2 to 3 bytes of CJK text; text below 2 bytes per token is pathological. The
   * body's JSON syntax, field names and escapes are counted as prompt but are mostly not, which
   * covers the few tokens per message a provider adds. Counting every byte as a token would hold
   * four times the usual prompt cost and refuse calls earlier near the end of a budget.
   */
  static final int BYTES_PER_TOKEN = 2;

  /** Keeps token counts far from overflow when multiplied by any price. */
  static final long MAX_TOKENS = 100_000_000;

  /** OpenAI allows at most 128 choices per request. */
  static final long MAX_CHOICES = 128;

  private WorstCaseCost() {}

  /**
   * The worst-case cost of {@code requestBody} (OpenAI or Anthropic request JSON) at {@code price}.
   */
  public static MicroDollars of(String requestBody, ModelPrice price) {
    long input = Math.min(MAX_TOKENS, Math.ceilDiv(utf8Length(requestBody), BYTES_PER_TOKEN));
    long output = Math.multiplyExact(outputCap(requestBody), choices(requestBody));
    MicroDollars inputPrice =
        price.inputPerMillion().compareTo(price.cachedInputPerMillion()) >= 0
            ? price.inputPerMillion()
            : price.cachedInputPerMillion();
    ModelPrice uncached = new ModelPrice(inputPrice, inputPrice, price.outputPerMillion());
    try {
      return uncached.cost(new TokenUsage(input, output, 0));
    } catch (ArithmeticException beyondAnyBudget) {
      return new MicroDollars(Long.MAX_VALUE);
    }
  }

  /** The output cap the request set (the larger of its two), or 0 when it set none. */
  public static long askedCap(String body) {
    long completion = TopLevelFields.integer(body, "max_completion_tokens").orElse(0);
    long legacy = TopLevelFields.integer(body, "max_tokens").orElse(0);
    return Math.clamp(Math.max(completion, legacy), 0, MAX_TOKENS);
  }

  /** The largest answer the request allows: the larger of its two caps, else the default. */
  static long outputCap(String body) {
    OptionalLong completion = TopLevelFields.integer(body, "max_completion_tokens");
    OptionalLong legacy = TopLevelFields.integer(body, "max_tokens");
    if (completion.isEmpty() && legacy.isEmpty()) {
      return DEFAULT_OUTPUT_TOKENS;
    }
    long cap = Math.max(completion.orElse(0), legacy.orElse(0));
    return Math.clamp(cap, 1, MAX_TOKENS);
  }

  /** {@code n} answers cost {@code n} times the output. */
  static long choices(String body) {
    return Math.clamp(TopLevelFields.integer(body, "n").orElse(1), 1, MAX_CHOICES);
  }

  /** The body's size in UTF-8 without copying it: CJK text is 3 bytes a character, not 1. */
  static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        // A surrogate pair is one 4-byte character; its low half adds nothing more.
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
