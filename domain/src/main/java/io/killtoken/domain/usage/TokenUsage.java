package io.killtoken.domain.usage;

/**
 * Tokens of one call: prompt (input), completion (output), and prompt tokens the provider cached.
 */
public record TokenUsage(long input, long output, long cachedInput) {

  public static final TokenUsage NONE = new TokenUsage(0, 0, 0);

  public TokenUsage {
    if (input < 0 || output < 0 || cachedInput < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
    if (cachedInput > input) {
      throw new IllegalArgumentException("cached input tokens cannot exceed input tokens");
    }
  }

  public long total() {
    return Math.addExact(input, output);
  }
}
