package io.killtoken.domain.limit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

class RecordingSpendLedgerTest extends SpendLedgerContract {

  /** Starts at the real time, the contract's month being the real current one. */
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

  @Override
  protected SpendLedger ledger(Duration lease) {
    return new RecordingSpendLedger(now::get, lease);
  }

  @Override
  protected void letTimePass(Duration duration) {
    now.updateAndGet(instant -> instant.plus(duration));
  }
}
