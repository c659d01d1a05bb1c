package io.killtoken.adapters.memory.freshness;

import io.killtoken.domain.credential.Credential;
import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.credential.CredentialRepository;
import io.killtoken.domain.freshness.ChangeCounter;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.SealedSecret;
import io.killtoken.domain.tenant.TenantId;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * {@link CredentialRepository} that answers the gateway's per-request "this tenant's key for this
 * provider" from memory while the shared {@link ChangeCounter} stands still, and advances it after
 * every change. Only sealed secrets are kept; each call still decrypts its own copy.
 */
public final class CachedCredentialRepository implements CredentialRepository {

  private final CredentialRepository store;
  private final ChangeCounter counter;
  private final FreshCache<TenantProvider, Optional<Credential>> forProvider;

  public CachedCredentialRepository(
      CredentialRepository store, ChangeCounter counter, InstantSource clock, Duration maxAge) {
    this.store = store;
    this.counter = counter;
    this.forProvider = new FreshCache<>(counter, clock, maxAge, 100_000);
  }

  @Override
  public Optional<Credential> findForProvider(TenantId tenant, ProviderId provider) {
    return forProvider.get(
        new TenantProvider(tenant, provider), () -> store.findForProvider(tenant, provider));
  }

  @Override
  public void save(Credential credential) {
    store.save(credential);
    changed();
  }

  @Override
  public boolean replaceSecret(Credential credential, SealedSecret expected) {
    boolean replaced = store.replaceSecret(credential, expected);
    changed();
    return replaced;
  }

  @Override
  public boolean delete(TenantId tenant, CredentialId id) {
    boolean deleted = store.delete(tenant, id);
    changed();
    return deleted;
  }

  @Override
  public long deleteAllOf(TenantId tenant) {
    long deleted = store.deleteAllOf(tenant);
    changed();
    return deleted;
  }

  @Override
  public Optional<Credential> find(TenantId tenant, CredentialId id) {
    return store.find(tenant, id);
  }

  @Override
  public Page<Credential> list(TenantId tenant, PageRequest page) {
    return store.list(tenant, page);
  }

  @Override
  public Page<Credential> listAll(PageRequest page) {
    return store.listAll(page);
  }

  private void changed() {
    forProvider.clear();
    counter.advance();
  }

  private record TenantProvider(TenantId tenant, ProviderId provider) {}
}
