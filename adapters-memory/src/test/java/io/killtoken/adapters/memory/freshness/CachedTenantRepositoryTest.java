package io.killtoken.adapters.memory.freshness;

import io.killtoken.domain.tenant.InMemoryTenantRepository;
import io.killtoken.domain.tenant.TenantRepository;
import io.killtoken.domain.tenant.TenantRepositoryContract;
import java.time.Duration;
import java.time.InstantSource;

class CachedTenantRepositoryTest extends TenantRepositoryContract {

  private final TenantRepository repository =
      new CachedTenantRepository(
          new InMemoryTenantRepository(),
          new InProcessChangeCounter(),
          InstantSource.system(),
          Duration.ofSeconds(10));

  @Override
  protected TenantRepository repository() {
    return repository;
  }
}
