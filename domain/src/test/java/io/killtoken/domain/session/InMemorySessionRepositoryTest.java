package io.killtoken.domain.session;

class InMemorySessionRepositoryTest extends SessionRepositoryContract {

  private final InMemorySessionRepository repository = new InMemorySessionRepository();

  @Override
  protected SessionRepository repository() {
    return repository;
  }
}
