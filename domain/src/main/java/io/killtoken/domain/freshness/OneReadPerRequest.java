package io.killtoken.domain.freshness;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The shared change counter read at most once per request: the first lookup of a request reads it,
 * and the request's other lookups (its key, the tenant's settings and plan, the credential) reuse
 * that value instead of each paying a round trip. A change that returned before the request began
 * is seen by all of them, so revocation still holds from the next request; a change made by the
 * request itself ({@link #advance()}) makes its next lookup read the counter again. Outside a
 * request (background work, tests) every read goes to the shared counter.
 *
 * <p>A request is the span between {@link #begin()} and {@link #end()} on one thread, which the web
 * server marks around each request it handles (one virtual thread each).
 */
public final class OneReadPerRequest implements ChangeCounter {

  private static final ThreadLocal<Snapshot> REQUEST = new ThreadLocal<>();

  private final ChangeCounter shared;

  public OneReadPerRequest(ChangeCounter shared) {
    this.shared = Objects.requireNonNull(shared, "shared");
  }

  /** A request starts on this thread: nothing it reads is known yet. */
  public static void begin() {
    REQUEST.set(new Snapshot());
  }

  /** The request on this thread is over. */
  public static void end() {
    REQUEST.remove();
  }

  @Override
  public OptionalLong current() {
    Snapshot request = REQUEST.get();
    if (request == null) {
      return shared.current();
    }
    if (request.value == null) {
      request.value = shared.current();
    }
    return request.value;
  }

  @Override
  public void advance() {
    shared.advance();
    Snapshot request = REQUEST.get();
    if (request != null) {
      request.value = null;
    }
  }

  /** What this request read, once it has read it. */
  private static final class Snapshot {
    private OptionalLong value;
  }
}
