package io.killtoken.domain.credential;

import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/** Port: where sealed provider credentials are kept. Every read is tenant-scoped. */
public interface CredentialRepository {

  void save(Credential credential);

  Optional<Credential> find(TenantId tenant, CredentialId id);

  /** The tenant's most recently rotated credential for the provider, if any. */
  Optional<Credential> findForProvider(TenantId tenant, ProviderId provider);

  List<Credential> list(TenantId tenant);

  boolean delete(TenantId tenant, CredentialId id);
}
