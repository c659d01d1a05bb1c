package io.killtoken.adapters.memory.freshness;

import io.killtoken.domain.settings.InMemorySettingsRepository;
import io.killtoken.domain.settings.SettingsRepository;
import io.killtoken.domain.settings.SettingsRepositoryContract;
import java.time.Duration;
import java.time.InstantSource;

class CachedSettingsRepositoryTest extends SettingsRepositoryContract {

  private final SettingsRepository repository =
      new CachedSettingsRepository(
          new InMemorySettingsRepository(),
          new InProcessChangeCounter(),
          InstantSource.system(),
          Duration.ofSeconds(10));

  @Override
  protected SettingsRepository repository() {
    return repository;
  }
}
