package io.killtoken.domain.credential;

import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.SealedSecret;
import io.killtoken.domain.tenant.TenantId;
import java.util.Optional;

/** Port: where sealed provider credentials are kept. Every read is tenant-scoped. */
public interface CredentialRepository {

  /** Inserts the credential or replaces the stored one with the same id and tenant. */
  void save(Credential credential);

  Optional<Credential> find(TenantId tenant, CredentialId id);

  /**
   * Writes the credential only if its stored secret is still {@code expected} (compare-and-set):
   * false when it was deleted, rotated or resealed meanwhile, so neither a rotation nor a reseal
   * can put back a secret another writer replaced.
   */
  boolean replaceSecret(Credential credential, SealedSecret expected);

  /** The tenant's most recently rotated credential for the provider, if any. */
  Optional<Credential> findForProvider(TenantId tenant, ProviderId provider);

  /** The tenant's credentials ordered by id, a page at a time (the cursor is the last id). */
  Page<Credential> list(TenantId tenant, PageRequest page);

  /** Every tenant's credentials ordered by id, a page at a time: for re-encryption by operators. */
  Page<Credential> listAll(PageRequest page);

  boolean delete(TenantId tenant, CredentialId id);

  /** Deletes every credential of the tenant (account closing); returns how many there were. */
  long deleteAllOf(TenantId tenant);
}
