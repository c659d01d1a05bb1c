package io.killtoken.domain.credential;

import io.killtoken.domain.Ids;

/** Identifies a stored provider credential. */
public record CredentialId(String value) {

  public CredentialId {
    Ids.checked("CredentialId", value);
  }

  public static CredentialId random() {
    return new CredentialId(Ids.random());
  }
}
