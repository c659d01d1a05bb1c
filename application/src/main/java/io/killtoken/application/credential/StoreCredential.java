package io.killtoken.application.credential;

import io.killtoken.domain.DisplayName;
import io.killtoken.domain.credential.Credential;
import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.credential.CredentialRepository;
import io.killtoken.domain.credential.CustomBaseUrls;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.NotFound;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.secret.SecretBinding;
import io.killtoken.domain.secret.SecretCipher;
import io.killtoken.domain.tenant.TenantId;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Use cases that take a provider secret in: store a new credential, rotate an existing one. The
 * secret is sealed (AES-256-GCM, bound to tenant and credential id) before it is stored and comes
 * back in clear only in this result.
 *
 * <p>A base URL of the tenant's own is set on creation only, under the operator's {@link
 * CustomBaseUrls} policy; rotation keeps it and nothing changes it afterwards. Where a stored key
 * is sent and the key itself always arrive together, so no one who can call this API without
 * knowing a key can point that key at another host.
 */
public final class StoreCredential {

  private static final int MAX_SECRET = 4096;
  private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E]+");

  private final CredentialRepository credentials;
  private final SecretCipher cipher;
  private final Set<ProviderId> providers;
  private final InstantSource clock;
  private final CustomBaseUrls baseUrls;

  /** With custom base URLs off: a credential with a {@code base_url} is refused. */
  public StoreCredential(
      CredentialRepository credentials,
      SecretCipher cipher,
      Set<ProviderId> providers,
      InstantSource clock) {
    this(credentials, cipher, providers, clock, CustomBaseUrls.off());
  }

  /**
   * @param providers the providers a credential may be stored for: those with an adapter module
   * @param baseUrls the operator's rule for a credential's own base URL
   */
  public StoreCredential(
      CredentialRepository credentials,
      SecretCipher cipher,
      Set<ProviderId> providers,
      InstantSource clock,
      CustomBaseUrls baseUrls) {
    this.credentials = credentials;
    this.cipher = cipher;
    this.providers = Set.copyOf(providers);
    this.clock = clock;
    this.baseUrls = baseUrls;
  }

  public StoredCredential store(StoreCredentialCommand command) {
    ProviderId provider = provider(command.provider());
    PlainSecret secret = secret(command.secret());
    String label =
        command.label() == null ? provider.value() : DisplayName.check("label", command.label());
    // Last: the only check that may wait on DNS runs once everything else is known to be valid.
    Optional<URI> baseUrl =
        Optional.ofNullable(command.baseUrl()).map(baseUrls::checkedForCreation);
    CredentialId id = CredentialId.random();
    Instant now = clock.instant();
    Credential credential =
        new Credential(
            id,
            command.tenant(),
            provider,
            label,
            cipher.seal(secret, new SecretBinding(command.tenant(), id.value())),
            secret.preview(),
            now,
            now,
            baseUrl);
    credentials.save(credential);
    return new StoredCredential(credential, secret);
  }

  public StoredCredential rotate(TenantId tenant, CredentialId id, String newSecret) {
    Credential stored =
        credentials.find(tenant, id).orElseThrow(() -> new NotFound("No credential with this id."));
    PlainSecret secret = secret(newSecret);
    Credential rotated =
        stored.withSecret(cipher.seal(secret, stored.binding()), secret.preview(), clock.instant());
    if (!credentials.replaceSecret(rotated, stored.secret())) {
      // Deleted or rotated by someone else meanwhile: this rotation must not undo that.
      throw new NotFound("No credential with this id.");
    }
    return new StoredCredential(rotated, secret);
  }

  private ProviderId provider(String name) {
    ProviderId provider;
    try {
      provider = new ProviderId(String.valueOf(name));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequest("'provider' must be one of " + providers + ".");
    }
    if (!providers.contains(provider)) {
      throw new InvalidRequest("'provider' must be one of " + providers + ".");
    }
    return provider;
  }

  private static PlainSecret secret(String value) {
    if (value == null || value.length() < 8 || value.length() > MAX_SECRET) {
      throw new InvalidRequest("'secret' must have 8 to " + MAX_SECRET + " characters.");
    }
    if (!PRINTABLE.matcher(value).matches()) {
      // A key with spaces or control characters is a paste error, and would break headers later.
      throw new InvalidRequest("'secret' must be printable ASCII without spaces.");
    }
    return new PlainSecret(value);
  }
}
