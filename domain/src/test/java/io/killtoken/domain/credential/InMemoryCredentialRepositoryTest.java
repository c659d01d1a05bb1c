package io.killtoken.domain.credential;

class InMemoryCredentialRepositoryTest extends CredentialRepositoryContract {

  private final InMemoryCredentialRepository repository = new InMemoryCredentialRepository();

  @Override
  protected CredentialRepository repository() {
    return repository;
  }
}
