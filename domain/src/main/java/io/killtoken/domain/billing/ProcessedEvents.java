package io.killtoken.domain.billing;

/**
 * Port: the webhook event ids already applied, shared by every node and kept across restarts (a
 * unique index in MongoDB), so each event is applied once.
 */
public interface ProcessedEvents {

  /** Claims the event id; false when it was claimed before (a replay). Atomic across nodes. */
  boolean claim(String eventId);

  /** Gives a claim back, for an event whose application failed: Stripe's retry applies it. */
  void release(String eventId);
}
