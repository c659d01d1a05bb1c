package io.killtoken.domain.freshness;

import java.util.OptionalLong;

/**
 * Port: a counter every gateway node sees, advanced after any change to API keys, credentials or
 * tenants. Nodes keep those records in memory and reload one whenever the counter has moved since
 * it was loaded, so a revoked key is refused on every node by the next request without a database
 * read per request.
 */
public interface ChangeCounter {

  /** A counter that cannot be read: every cache read goes to the store. */
  ChangeCounter NONE =
      new ChangeCounter() {
        @Override
        public OptionalLong current() {
          return OptionalLong.empty();
        }

        @Override
        public void advance() {}
      };

  /** The counter's value, or empty when it cannot be read (then caches must not be trusted). */
  OptionalLong current();

  /** Moves the counter on; called after the change is stored and before the change returns. */
  void advance();
}
