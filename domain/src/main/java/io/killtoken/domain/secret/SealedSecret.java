package io.killtoken.domain.secret;

import java.util.Objects;

/** A secret encrypted by a {@link SecretCipher}, as base64 text; opaque everywhere else. */
public record SealedSecret(String base64) {

  public SealedSecret {
    Objects.requireNonNull(base64, "base64");
  }

  @Override
  public String toString() {
    return "SealedSecret[" + base64.length() + " chars]";
  }
}
