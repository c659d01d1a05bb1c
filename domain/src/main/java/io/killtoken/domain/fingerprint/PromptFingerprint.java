package io.killtoken.domain.fingerprint;

import java.util.Objects;
import java.util.regex.Pattern;

/** A keyed hash of a normalized prompt: equal prompts of one tenant give equal fingerprints. */
public record PromptFingerprint(String hex) {

  private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{64}");

  public PromptFingerprint {
    Objects.requireNonNull(hex, "hex");
    if (!SHAPE.matcher(hex).matches()) {
      throw new IllegalArgumentException("a fingerprint is 64 lower-case hex digits");
    }
  }
}
