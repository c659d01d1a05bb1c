package io.killtoken.domain.tenant;

class InMemoryTenantRepositoryTest extends TenantRepositoryContract {

  private final InMemoryTenantRepository repository = new InMemoryTenantRepository();

  @Override
  protected TenantRepository repository() {
    return repository;
  }
}
