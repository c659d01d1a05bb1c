package io.killtoken.domain.user;

class InMemoryUserRepositoryTest extends UserRepositoryContract {

  private final InMemoryUserRepository repository = new InMemoryUserRepository();

  @Override
  protected UserRepository repository() {
    return repository;
  }
}
