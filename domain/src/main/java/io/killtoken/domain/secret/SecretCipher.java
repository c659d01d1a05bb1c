package io.killtoken.domain.secret;

import io.killtoken.domain.error.SecretUnavailable;

/** Port: authenticated encryption of secrets at rest, bound to their owner. */
public interface SecretCipher {

  SealedSecret seal(PlainSecret secret, SecretBinding binding);

  /**
   * @throws SecretUnavailable when the ciphertext was tampered with, belongs to another binding or
   *     was sealed under a key the keyset no longer holds
   */
  PlainSecret open(SealedSecret sealed, SecretBinding binding);
}
