package io.killtoken.domain.credential;

import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.SealedSecret;
import io.killtoken.domain.tenant.TenantId;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/** In-memory twin of {@link CredentialRepository}; held to the same contract as the real ones. */
public final class InMemoryCredentialRepository implements CredentialRepository {

  private final Map<String, Credential> credentials = new ConcurrentSkipListMap<>();

  @Override
  public void save(Credential credential) {
    credentials.compute(
        credential.id().value(),
        (id, stored) ->
            stored == null || stored.tenantId().equals(credential.tenantId())
                ? credential
                : stored);
  }

  @Override
  public Optional<Credential> find(TenantId tenant, CredentialId id) {
    return Optional.ofNullable(credentials.get(id.value()))
        .filter(c -> c.tenantId().equals(tenant));
  }

  @Override
  public boolean replaceSecret(Credential credential, SealedSecret expected) {
    boolean[] replaced = {false};
    credentials.computeIfPresent(
        credential.id().value(),
        (id, stored) -> {
          if (!stored.tenantId().equals(credential.tenantId())
              || !stored.secret().equals(expected)) {
            return stored;
          }
          replaced[0] = true;
          return credential;
        });
    return replaced[0];
  }

  @Override
  public Optional<Credential> findForProvider(TenantId tenant, ProviderId provider) {
    return credentials.values().stream()
        .filter(c -> c.tenantId().equals(tenant) && c.provider().equals(provider))
        .max(Comparator.comparing(Credential::rotatedAt));
  }

  @Override
  public Page<Credential> list(TenantId tenant, PageRequest page) {
    return page(c -> c.tenantId().equals(tenant), page);
  }

  @Override
  public Page<Credential> listAll(PageRequest page) {
    return page(c -> true, page);
  }

  private Page<Credential> page(Predicate<Credential> filter, PageRequest page) {
    return Page.of(
        credentials.values().stream()
            .filter(filter)
            .filter(c -> page.after().map(a -> c.id().value().compareTo(a) > 0).orElse(true))
            .limit(page.limit() + 1L)
            .toList(),
        page.limit(),
        c -> c.id().value());
  }

  @Override
  public long deleteAllOf(TenantId tenant) {
    long before = credentials.size();
    credentials.values().removeIf(c -> c.tenantId().equals(tenant));
    return before - credentials.size();
  }

  @Override
  public boolean delete(TenantId tenant, CredentialId id) {
    return find(tenant, id).map(c -> credentials.remove(id.value()) != null).orElse(false);
  }
}
