package io.killtoken.application.credential;

import io.killtoken.domain.credential.Credential;
import io.killtoken.domain.credential.CredentialRepository;
import io.killtoken.domain.error.SecretUnavailable;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.secret.SecretCipher;
import java.util.Optional;

/**
 * Operator use case after a master-key rotation: opens every stored credential with whichever key
 * sealed it and seals it again under the current primary key, so old keys can be retired.
 */
public final class ResealCredentials {

  private final CredentialRepository credentials;
  private final SecretCipher cipher;

  public ResealCredentials(CredentialRepository credentials, SecretCipher cipher) {
    this.credentials = credentials;
    this.cipher = cipher;
  }

  /** How many credentials were resealed, and how many could not be opened (left unchanged). */
  public record Outcome(long resealed, long unreadable) {}

  public Outcome resealAll() {
    long resealed = 0;
    long unreadable = 0;
    Optional<String> after = Optional.empty();
    do {
      Page<Credential> page = credentials.listAll(new PageRequest(PageRequest.MAX_LIMIT, after));
      for (Credential credential : page.items()) {
        try {
          var plain = cipher.open(credential.secret(), credential.binding());
          // Compare-and-set: a credential rotated or deleted meanwhile keeps what it has now.
          if (credentials.replaceSecret(
              credential.withSecret(
                  cipher.seal(plain, credential.binding()),
                  credential.preview(),
                  credential.rotatedAt()),
              credential.secret())) {
            resealed++;
          }
        } catch (SecretUnavailable e) {
          unreadable++;
        }
      }
      after = page.nextCursor();
    } while (after.isPresent());
    return new Outcome(resealed, unreadable);
  }
}
