package io.killtoken.application.credential;

import io.killtoken.domain.credential.Credential;
import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.credential.CredentialRepository;
import io.killtoken.domain.error.NotFound;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.tenant.TenantId;

/**
 * Use cases on a tenant's stored credentials: list, show, delete. They hand out records whose
 * secret is sealed; callers show only the preview. Another tenant's id answers as a missing one.
 */
public final class ManageCredentials {

  private final CredentialRepository credentials;

  public ManageCredentials(CredentialRepository credentials) {
    this.credentials = credentials;
  }

  public Page<Credential> list(TenantId tenant, PageRequest page) {
    return credentials.list(tenant, page);
  }

  public Credential show(TenantId tenant, CredentialId id) {
    return credentials.find(tenant, id).orElseThrow(ManageCredentials::notFound);
  }

  public void delete(TenantId tenant, CredentialId id) {
    if (!credentials.delete(tenant, id)) {
      throw notFound();
    }
  }

  private static NotFound notFound() {
    return new NotFound("No credential with this id.");
  }
}
