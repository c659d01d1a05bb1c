package io.killtoken.domain.settings;

class InMemorySettingsRepositoryTest extends SettingsRepositoryContract {

  private final InMemorySettingsRepository repository = new InMemorySettingsRepository();

  @Override
  protected SettingsRepository repository() {
    return repository;
  }
}
