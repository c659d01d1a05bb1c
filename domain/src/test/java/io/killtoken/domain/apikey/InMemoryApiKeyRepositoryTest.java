package io.killtoken.domain.apikey;

class InMemoryApiKeyRepositoryTest extends ApiKeyRepositoryContract {

  private final InMemoryApiKeyRepository repository = new InMemoryApiKeyRepository();

  @Override
  protected ApiKeyRepository repository() {
    return repository;
  }
}
