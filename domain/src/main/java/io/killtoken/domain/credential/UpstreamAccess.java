package io.killtoken.domain.credential;

import io.killtoken.domain.secret.PlainSecret;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What one provider call may use: which credential, the tenant's own key and, when its credential
 * has one, the base URL to call instead of the provider's — checked against the operator's rules
 * moments ago.
 */
public record UpstreamAccess(CredentialId credential, PlainSecret key, Optional<URI> baseUrl) {

  public UpstreamAccess {
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(baseUrl, "baseUrl");
  }
}
