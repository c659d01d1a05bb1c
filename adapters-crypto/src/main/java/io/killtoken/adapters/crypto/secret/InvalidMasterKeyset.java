package io.killtoken.adapters.crypto.secret;

/**
 * The master keyset given at startup cannot be used; the message says why and never contains any
 * part of the keyset text.
 */
public final class InvalidMasterKeyset extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  InvalidMasterKeyset(String message) {
    super(message);
  }
}
