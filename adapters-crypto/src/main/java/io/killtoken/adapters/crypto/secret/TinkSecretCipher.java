package io.killtoken.adapters.crypto.secret;

import com.google.crypto.tink.Aead;
import io.killtoken.domain.error.SecretUnavailable;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.secret.SealedSecret;
import io.killtoken.domain.secret.SecretBinding;
import io.killtoken.domain.secret.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals stored secrets with AES-256-GCM (Tink AEAD) under the {@link MasterKeyset}, with the
 * owner's {@link SecretBinding} as associated data so a ciphertext opens only on its own record.
 */
public final class TinkSecretCipher implements SecretCipher {

  private static final Logger LOG = LoggerFactory.getLogger(TinkSecretCipher.class);

  private final Aead aead;

  public TinkSecretCipher(MasterKeyset keyset) {
    this.aead = Objects.requireNonNull(keyset, "keyset").aead();
  }

  @Override
  public SealedSecret seal(PlainSecret secret, SecretBinding binding) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(binding, "binding");
    byte[] plaintext = secret.value().getBytes(StandardCharsets.UTF_8);
    try {
      byte[] ciphertext = aead.encrypt(plaintext, binding.associatedData());
      return new SealedSecret(Base64.getEncoder().encodeToString(ciphertext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing a secret failed", e);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  @Override
  public PlainSecret open(SealedSecret sealed, SecretBinding binding) {
    Objects.requireNonNull(sealed, "sealed");
    Objects.requireNonNull(binding, "binding");
    byte[] ciphertext;
    try {
      ciphertext = Base64.getDecoder().decode(sealed.base64());
    } catch (IllegalArgumentException e) {
      // The decoder's message quotes the offending character, so neither it nor the cause goes on.
      throw unavailable(binding, "it is not base64");
    }
    byte[] plaintext;
    try {
      plaintext = aead.decrypt(ciphertext, binding.associatedData());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw unavailable(
          binding,
          "it was tampered with, belongs to another record or its key is not in the keyset");
    }
    try {
      return new PlainSecret(new String(plaintext, StandardCharsets.UTF_8));
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /**
   * Opens a secret with whichever key sealed it and seals it again under the current primary: run
   * over every stored secret after {@link MasterKeyset#rotate()} before retiring old keys.
   *
   * @throws SecretUnavailable when the sealed secret does not open under this binding
   */
  public SealedSecret reseal(SealedSecret sealed, SecretBinding binding) {
    return seal(open(sealed, binding), binding);
  }

  @Override
  public String toString() {
    return "TinkSecretCipher[AES-256-GCM, keys redacted]";
  }

  private static SecretUnavailable unavailable(SecretBinding binding, String reason) {
    // Ids only: an operator needs to know which record failed, never what it held.
    LOG.warn(
        "Sealed secret of tenant {} record {} could not be opened: {}",
        binding.tenant().value(),
        binding.recordId(),
        reason);
    return new SecretUnavailable();
  }
}
