package io.killtoken.adapters.memory.freshness;

import io.killtoken.domain.apikey.ApiKeyRepository;
import io.killtoken.domain.apikey.ApiKeyRepositoryContract;
import io.killtoken.domain.apikey.InMemoryApiKeyRepository;
import java.time.Duration;
import java.time.InstantSource;

class CachedApiKeyRepositoryTest extends ApiKeyRepositoryContract {

  private final ApiKeyRepository repository =
      new CachedApiKeyRepository(
          new InMemoryApiKeyRepository(),
          new InProcessChangeCounter(),
          InstantSource.system(),
          Duration.ofSeconds(10));

  @Override
  protected ApiKeyRepository repository() {
    return repository;
  }
}
