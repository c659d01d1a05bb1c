package io.killtoken.domain.error;

import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.provider.ProviderId;
import java.util.Objects;

/**
 * The tenant's stored credential for a provider no longer decrypts (it was altered, or sealed under
 * a key the master keyset no longer holds): the call is refused, naming the credential and the fix
 * — rotate it — and nothing about the cryptography.
 */
public final class CredentialUnreadable extends KillTokenException {

  private final CredentialId credential;
  private final ProviderId provider;

  public CredentialUnreadable(CredentialId credential, ProviderId provider) {
    super(
        "The '"
            + Objects.requireNonNull(provider, "provider").value()
            + "' credential "
            + Objects.requireNonNull(credential, "credential").value()
            + " can no longer be read by this server. Rotate it with the provider key (POST"
            + " /api/v1/credentials/"
            + credential.value()
            + "/rotate), or delete it and add the key again.");
    this.credential = credential;
    this.provider = provider;
  }

  public CredentialId credential() {
    return credential;
  }

  public ProviderId provider() {
    return provider;
  }
}
