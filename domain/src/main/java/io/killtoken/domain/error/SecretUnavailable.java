package io.killtoken.domain.error;

/** A sealed secret could not be opened; deliberately generic so nothing about the secret leaks. */
public final class SecretUnavailable extends KillTokenException {

  public SecretUnavailable() {
    super("Stored secret could not be decrypted.");
  }
}
