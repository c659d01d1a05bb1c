package io.killtoken.domain.fingerprint;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The part of a request that providers' prompt caching can reuse across calls — its tool
 * definitions and leading system messages — as a keyed digest per tenant and an estimate of its
 * tokens; never the text. Recorded only when it is long enough for a provider to cache it.
 *
 * @param digest 32 hex digits (128 bits of HMAC-SHA256 under the tenant's fingerprint key)
 * @param tokens the prefix's estimated tokens ({@link #estimateTokens})
 */
public record PromptPrefix(String digest, long tokens) {

  /** The shortest prefix providers cache (OpenAI's and Anthropic's Sonnet/Opus minimum). */
  public static final long MIN_CACHED_TOKENS = 1_024;

  private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{32}");

  public PromptPrefix {
    Objects.requireNonNull(digest, "digest");
    if (!DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException("a prefix digest is 32 lower-case hex digits");
    }
    if (tokens < 0) {
      throw new IllegalArgumentException("a prefix has no negative tokens");
    }
  }

  /**
   * Whether {@code text} is long enough for a provider to cache it — and so, for any text that
   * holds the prefix (the whole request body), whether it could hold one worth recording.
   */
  public static boolean cacheable(String text) {
    return estimateTokens(text) >= MIN_CACHED_TOKENS;
  }

  /** About four characters a token, the usual rule for English text and JSON. */
  public static long estimateTokens(String text) {
    return text.length() / 4;
  }

  /** As a facet value: {@code <digest>.<tokens>}, so the rollups keep the size with the digest. */
  public String facetValue() {
    return digest + "." + tokens;
  }

  /** The prefix a facet value names. */
  public static PromptPrefix ofFacetValue(String value) {
    int dot = value.indexOf('.');
    if (dot < 0) {
      throw new IllegalArgumentException("a prefix facet value is <digest>.<tokens>");
    }
    return new PromptPrefix(value.substring(0, dot), Long.parseLong(value.substring(dot + 1)));
  }
}
