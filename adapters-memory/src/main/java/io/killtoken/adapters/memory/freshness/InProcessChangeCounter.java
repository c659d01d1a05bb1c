package io.killtoken.adapters.memory.freshness;

import io.killtoken.domain.freshness.ChangeCounter;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/** {@link ChangeCounter} of a single node whose store no other node shares (embedded MongoDB). */
public final class InProcessChangeCounter implements ChangeCounter {

  private final AtomicLong value = new AtomicLong();

  @Override
  public OptionalLong current() {
    return OptionalLong.of(value.get());
  }

  @Override
  public void advance() {
    value.incrementAndGet();
  }
}
