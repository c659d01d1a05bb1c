package io.killtoken.domain.billing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ProcessedEvents} in memory, for tests. */
public final class InMemoryProcessedEvents implements ProcessedEvents {

  private final Set<String> claimed = ConcurrentHashMap.newKeySet();

  @Override
  public boolean claim(String eventId) {
    return claimed.add(eventId);
  }

  @Override
  public void release(String eventId) {
    claimed.remove(eventId);
  }
}
