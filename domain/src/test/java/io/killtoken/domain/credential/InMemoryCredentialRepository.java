package io.killtoken.domain.credential;

import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.tenant.TenantId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory twin of {@link CredentialRepository} for tests with no infrastructure. */
public final class InMemoryCredentialRepository implements CredentialRepository {

  private final Map<CredentialId, Credential> credentials = new ConcurrentHashMap<>();

  @Override
  public void save(Credential credential) {
    credentials.put(credential.id(), credential);
  }

  @Override
  public Optional<Credential> find(TenantId tenant, CredentialId id) {
    return Optional.ofNullable(credentials.get(id)).filter(c -> c.tenantId().equals(tenant));
  }

  @Override
  public Optional<Credential> findForProvider(TenantId tenant, ProviderId provider) {
    return list(tenant).stream()
        .filter(c -> c.provider().equals(provider))
        .max(Comparator.comparing(Credential::rotatedAt));
  }

  @Override
  public List<Credential> list(TenantId tenant) {
    return credentials.values().stream()
        .filter(c -> c.tenantId().equals(tenant))
        .sorted(Comparator.comparing(Credential::createdAt))
        .toList();
  }

  @Override
  public boolean delete(TenantId tenant, CredentialId id) {
    return find(tenant, id).map(c -> credentials.remove(c.id()) != null).orElse(false);
  }
}
