package io.killtoken.adapters.memory.freshness;

import io.killtoken.domain.credential.CredentialRepository;
import io.killtoken.domain.credential.CredentialRepositoryContract;
import io.killtoken.domain.credential.InMemoryCredentialRepository;
import java.time.Duration;
import java.time.InstantSource;

class CachedCredentialRepositoryTest extends CredentialRepositoryContract {

  private final CredentialRepository repository =
      new CachedCredentialRepository(
          new InMemoryCredentialRepository(),
          new InProcessChangeCounter(),
          InstantSource.system(),
          Duration.ofSeconds(10));

  @Override
  protected CredentialRepository repository() {
    return repository;
  }
}
